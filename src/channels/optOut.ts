import type { SafetySignal } from '../escalation/detect';

/**
 * Whether a safety sign breaks an opt-out. After STOP/ALTO the person asked for silence, and every reply
 * breaks it, so only a sure sign does: danger or self-harm found by the written rules. A sign only the
 * model saw (it flags "y si mejor quiero donar" or "porq ya no contestan" today) and a wish for a person
 * stay silent; HELP/AYUDA still tells them where people are.
 */
export function breaksSilence(signal: SafetySignal): boolean {
  return (signal.reason === 'danger' || signal.reason === 'self-harm') && signal.source !== 'model';
}
