/**
 * The small part of RFC 8941 (Structured Field Values) that webhook signatures need: parsing a
 * Dictionary (Signature-Input, Signature, Content-Digest) and serialising an Inner List with its
 * parameters (the `@signature-params` line of RFC 9421). Strict: anything malformed throws.
 */

export type BareItem = string | number | boolean | Buffer | Token;

/** A token (unquoted identifier), kept apart from strings because they serialise differently. */
export class Token {
	constructor(readonly value: string) {}
}

export type Parameters = Map<string, BareItem>;

export interface Item {
	kind: 'item';
	value: BareItem;
	params: Parameters;
}

export interface InnerList {
	kind: 'innerList';
	items: Item[];
	params: Parameters;
}

export interface DictionaryMember {
	value: Item | InnerList;
	/** The member's value exactly as received (after `label=`), for signature bases built from the wire text. */
	raw: string;
}

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class Parser {
	private position = 0;

	constructor(private readonly text: string) {}

	parseDictionary(): Map<string, DictionaryMember> {
		const members = new Map<string, DictionaryMember>();
		this.skipSpaces();
		if (this.done()) return members;
		for (;;) {
			const key = this.parseKey();
			let value: Item | InnerList;
			const start = this.position;
			if (this.peek() === '=') {
				this.position++;
				const valueStart = this.position;
				value = this.parseItemOrInnerList();
				members.set(key, { value, raw: this.text.slice(valueStart, this.position) });
			} else {
				value = { kind: 'item', value: true, params: this.parseParameters() };
				members.set(key, { value, raw: this.text.slice(start, this.position) });
			}
			this.skipOws();
			if (this.done()) return members;
			this.expect(',');
			this.skipOws();
			if (this.done()) throw new Error('trailing comma');
		}
	}

	private parseItemOrInnerList(): Item | InnerList {
		if (this.peek() !== '(')
			return { kind: 'item', value: this.parseBareItem(), params: this.parseParameters() };
		this.position++;
		const items: Item[] = [];
		for (;;) {
			this.skipSpaces();
			if (this.peek() === ')') {
				this.position++;
				return { kind: 'innerList', items, params: this.parseParameters() };
			}
			items.push({ kind: 'item', value: this.parseBareItem(), params: this.parseParameters() });
			const next = this.peek();
			if (next !== ' ' && next !== ')') throw new Error('malformed inner list');
		}
	}

	private parseParameters(): Parameters {
		const params: Parameters = new Map();
		while (this.peek() === ';') {
			this.position++;
			this.skipSpaces();
			const key = this.parseKey();
			let value: BareItem = true;
			if (this.peek() === '=') {
				this.position++;
				value = this.parseBareItem();
			}
			params.set(key, value);
		}
		return params;
	}

	private parseKey(): string {
		const first = this.peek();
		if (first === undefined || !KEY_START.test(first)) throw new Error('malformed key');
		const start = this.position;
		while (!this.done() && KEY_CHAR.test(this.peek()!)) this.position++;
		return this.text.slice(start, this.position);
	}

	private parseBareItem(): BareItem {
		const first = this.peek();
		if (first === undefined) throw new Error('missing value');
		if (first === '"') return this.parseString();
		if (first === ':') return this.parseByteSequence();
		if (first === '?') return this.parseBoolean();
		if (first === '-' || /[0-9]/.test(first)) return this.parseNumber();
		if (TOKEN_START.test(first)) return this.parseToken();
		throw new Error('malformed value');
	}

	private parseString(): string {
		this.position++;
		let result = '';
		for (;;) {
			const char = this.text[this.position++];
			if (char === undefined) throw new Error('unterminated string');
			if (char === '"') return result;
			if (char === '\\') {
				const escaped = this.text[this.position++];
				if (escaped !== '"' && escaped !== '\\') throw new Error('bad escape in string');
				result += escaped;
			} else {
				const code = char.charCodeAt(0);
				if (code < 0x20 || code > 0x7e) throw new Error('bad character in string');
				result += char;
			}
		}
	}

	private parseByteSequence(): Buffer {
		this.position++;
		const end = this.text.indexOf(':', this.position);
		if (end < 0) throw new Error('unterminated byte sequence');
		const encoded = this.text.slice(this.position, end);
		if (!BASE64.test(encoded)) throw new Error('bad base64 in byte sequence');
		this.position = end + 1;
		return Buffer.from(encoded, 'base64');
	}

	private parseBoolean(): boolean {
		const value = this.text[this.position + 1];
		if (value !== '0' && value !== '1') throw new Error('malformed boolean');
		this.position += 2;
		return value === '1';
	}

	private parseNumber(): number {
		const match = /^-?[0-9]{1,15}(?:\.[0-9]{1,3})?/.exec(this.text.slice(this.position));
		if (!match) throw new Error('malformed number');
		this.position += match[0].length;
		return Number(match[0]);
	}

	private parseToken(): Token {
		const start = this.position;
		this.position++;
		while (!this.done() && TOKEN_CHAR.test(this.peek()!)) this.position++;
		return new Token(this.text.slice(start, this.position));
	}

	private peek(): string | undefined {
		return this.text[this.position];
	}

	private done(): boolean {
		return this.position >= this.text.length;
	}

	private expect(char: string): void {
		if (this.peek() !== char) throw new Error(`expected "${char}"`);
		this.position++;
	}

	private skipSpaces(): void {
		while (this.peek() === ' ') this.position++;
	}

	private skipOws(): void {
		while (this.peek() === ' ' || this.peek() === '\t') this.position++;
	}
}

/** Parses a Dictionary field value; throws on malformed input. */
export function parseDictionary(value: string): Map<string, DictionaryMember> {
	return new Parser(value.trim()).parseDictionary();
}

export function serializeBareItem(value: BareItem): string {
	if (value instanceof Token) return value.value;
	if (Buffer.isBuffer(value)) return `:${value.toString('base64')}:`;
	if (typeof value === 'boolean') return value ? '?1' : '?0';
	if (typeof value === 'number') return String(value);
	return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

export function serializeParameters(params: Parameters): string {
	let result = '';
	for (const [key, value] of params)
		result += value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`;
	return result;
}

/** Canonical serialisation of an Inner List, as RFC 9421 §2.3 uses for `@signature-params`. */
export function serializeInnerList(list: InnerList): string {
	const items = list.items.map(
		(item) => serializeBareItem(item.value) + serializeParameters(item.params),
	);
	return `(${items.join(' ')})${serializeParameters(list.params)}`;
}
