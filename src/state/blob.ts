import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ERROR_CODES, ReachError } from '../errors';

/**
 * One quick retry for a blip inside a call; anything longer is the turn's 2 s limit's business (the
 * SDK's default waits seconds between up to four tries, long after the turn has given up).
 */
const PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 2, retryDelayInMs: 50, maxRetryDelayInMs: 200, tryTimeoutInMs: 2_000 },
};

function statusOf(error: unknown): unknown {
  return (error as { statusCode?: unknown } | null)?.statusCode;
}

/**
 * Conversation state in an Azure Blob Storage container, one JSON blob per conversation.
 *
 * `BlobsStorage` reads, replaces (If-Match on the ETag read) and deletes. It cannot create a blob only
 * if it is still absent (no ETag means an unconditional write), so two instances taking the first turn
 * of a conversation at once would overwrite each other; that one case uploads with If-None-Match: *.
 * Keys are already opaque hashes made of URL-safe characters, so both paths name the same blob.
 */
export class BlobStateStorage implements Storage {
  private readonly container: ContainerClient;
  private blobs: BlobsStorage;
  private containerReady?: Promise<unknown>;

  constructor(
    private readonly connectionString: string,
    private readonly containerName: string,
  ) {
    this.container = new ContainerClient(connectionString, containerName, PIPELINE);
    this.blobs = this.freshBlobs();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.guard(() => this.blobs.read(keys));
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, item]) => {
        const eTag = (item as StoreItem).eTag;
        return eTag
          ? this.guard(() => this.blobs.write({ [key]: item }))
          : this.guard(() => this.create(key, item as StoreItem));
      }),
    );
  }

  delete(keys: string[]): Promise<void> {
    return this.guard(() => this.blobs.delete(keys));
  }

  private async create(key: string, item: StoreItem, again = false): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists();
    await this.containerReady;
    const value: StoreItem = { ...item };
    delete value.eTag;
    const body = JSON.stringify(value);
    try {
      await this.container.getBlockBlobClient(key).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (error) {
      const status = statusOf(error);
      // The container is gone (storage rebuilt since it was checked): make it again, once.
      if (status === 404 && !again) {
        this.containerReady = undefined;
        return this.create(key, item, true);
      }
      if (status === 409 || status === 412) {
        throw new ReachError(ERROR_CODES.STATE_CONFLICT, 'another turn created this conversation first', {
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * BlobsStorage remembers its first container check for good, even a failed one, and a container
   * that disappears (storage rebuilt) would stay missing: after any failure other than a lost race,
   * start again with a fresh client that checks the container on its next call.
   */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      const conflict =
        error instanceof ReachError || /eTag conflict/i.test(error instanceof Error ? error.message : '');
      if (!conflict) {
        this.blobs = this.freshBlobs();
        this.containerReady = undefined;
      }
      throw error;
    }
  }

  private freshBlobs(): BlobsStorage {
    return new BlobsStorage(this.connectionString, this.containerName, { storagePipelineOptions: PIPELINE });
  }
}
