/**
 * Replay protection inside the signature age window. A signature that verified is remembered, per webhook and keyed
 * by its decoded bytes (so another base64 spelling of the same bytes is the same signature), until it is old enough
 * for the age check to reject it anyway. A delivery whose signature is already remembered does not start the
 * workflow.
 *
 * The record lives in this process's memory: each n8n process that receives webhooks (the main instance, and each
 * webhook or worker process in queue mode) keeps its own, and a restart empties it. A replay that reaches another
 * process than the original delivery is stopped only by the age check.
 */

/** At most this many signatures per webhook; the oldest is forgotten first (it is the closest to expiring). */
export const MAX_SIGNATURES_PER_WEBHOOK = 10_000;

export class SeenSignatures {
	/** Per webhook: signature (base64 of its bytes) → the time (seconds since the epoch) after which it may be forgotten. */
	private readonly byWebhook = new Map<string, Map<string, number>>();

	constructor(private readonly capacity = MAX_SIGNATURES_PER_WEBHOOK) {}

	/**
	 * Records the signature and answers true if it is new for this webhook; false if it was already recorded and
	 * has not expired (a repeated delivery). `keepUntil` is when the age check starts rejecting it.
	 */
	firstSighting(webhookId: string, signature: Buffer, keepUntil: number, now: number): boolean {
		let seen = this.byWebhook.get(webhookId);
		if (!seen) {
			seen = new Map();
			this.byWebhook.set(webhookId, seen);
		}
		const key = signature.toString('base64');
		const until = seen.get(key);
		if (until !== undefined && until >= now) return false;
		seen.delete(key);
		this.forgetOldest(seen, now);
		seen.set(key, keepUntil);
		return true;
	}

	/** Forgets a webhook's record (the trigger removed the webhook). */
	forget(webhookId: string): void {
		this.byWebhook.delete(webhookId);
	}

	size(webhookId: string): number {
		return this.byWebhook.get(webhookId)?.size ?? 0;
	}

	/**
	 * Drops expired signatures from the oldest end (signatures arrive roughly in the order they expire), then, if the
	 * record is still full, the oldest ones. Constant work per delivery.
	 */
	private forgetOldest(seen: Map<string, number>, now: number): void {
		for (const [key, until] of seen) {
			if (until >= now && seen.size < this.capacity) return;
			seen.delete(key);
		}
	}
}

/** The record of this process. */
export const seenSignatures = new SeenSignatures();
