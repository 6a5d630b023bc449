import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';

/**
 * Conversation state that saves with the ETag it read. `BotState.saveChanges` always writes with
 * eTag "*" (the last writer wins), which loses updates when two instances take turns of one
 * conversation at once. Here an item that was read is replaced only if nobody changed it since, and an
 * item that was absent is created only if still absent; a lost race fails with STATE_CONFLICT and the
 * turn is decided again on fresh state (see `StatefulTurns`).
 *
 * It saves on every call, changed or not: each save restarts the item's idle clock.
 */
export class SharedConversationState extends ConversationState {
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as StoreItem | undefined;
    if (!state) return super.saveChanges(context, force);
    const key = await this.storageKey(context);
    await this.storage.write({ [key]: { ...state } });
  }
}
