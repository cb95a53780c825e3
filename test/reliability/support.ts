/**
 * Shared pieces of the reliability and security suites: seeded IDs, parameter sets for the Printer and
 * Print Job operations, a TCP proxy that can refuse connections, and a recorder for the measured table.
 */
import * as fs from 'fs';
import * as net from 'net';
import type { INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../../tools/emulator';
import { binaryItem, pngBytes } from '../../tools/harness';
import { byId } from '../helpers/emulator';

export const PRINT_OP = 'print';
export const CREATE_PRINTER_OP = 'createPrinter';
export const READ_PRINTER_OP = 'readPrinter';
export const AUTH_OP = 'authenticateAdminApiUsingPOST';

export function printerIdByName(emulator: Emulator, name: string): string {
	const printer = [...emulator.state.printers.values()].find(
		(candidate) => candidate.name === name,
	);
	if (!printer) throw new Error(`The emulator has no seeded printer "${name}"`);
	return printer.id as string;
}

export function frontDeskPrinterId(emulator: Emulator): string {
	return printerIdByName(emulator, 'Front Desk Printer');
}

/** Print Job → Print with one COLOR front image read from the item's `data` binary property. */
export function printParams(printerId: string, extra: Record<string, unknown> = {}) {
	return {
		resource: 'printJob',
		operation: 'print',
		printerId: byId(printerId),
		images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] },
		...extra,
	};
}

export function imageItems(count: number, size = 0): INodeExecutionData[] {
	return Array.from({ length: count }, () => binaryItem(pngBytes(size)));
}

let deviceCounter = 0x1000;
/** A fresh 16-hex device ID and printer name, so creations never collide with earlier tests. */
export function uniquePrinter(): { name: string; deviceId: string } {
	deviceCounter++;
	const deviceId =
		`ABCD${Date.now().toString(16).slice(-8).toUpperCase()}${deviceCounter.toString(16).toUpperCase().padStart(4, '0')}`.slice(
			0,
			16,
		);
	return { name: `Reliability Printer ${deviceId}`, deviceId };
}

/**
 * Forwards TCP to the emulator. `refuse()` stops listening and cuts open (keep-alive) connections, so the
 * next connection attempt gets ECONNREFUSED; `accept()` listens again on the same port.
 */
export class RefusingProxy {
	#server: net.Server | undefined;
	#sockets = new Set<net.Socket>();
	#closed = false;
	port = 0;

	constructor(private readonly targetPort: number) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async accept(): Promise<void> {
		if (this.#closed || this.#server) return;
		const server = net.createServer((client) => {
			const upstream = net.connect(this.targetPort, '127.0.0.1');
			for (const socket of [client, upstream]) {
				this.#sockets.add(socket);
				socket.on('close', () => this.#sockets.delete(socket));
				socket.on('error', () => undefined);
			}
			client.pipe(upstream).pipe(client);
			client.on('close', () => upstream.destroy());
			upstream.on('close', () => client.destroy());
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		this.port = (server.address() as net.AddressInfo).port;
		this.#server = server;
	}

	refuse(): void {
		this.#server?.close();
		this.#server = undefined;
		for (const socket of this.#sockets) socket.destroy();
	}

	async close(): Promise<void> {
		this.#closed = true;
		this.refuse();
	}
}

export interface MeasuredRow {
	fault: string;
	operation: string;
	expected: string;
	received: number;
	processed: number;
}

/** Collects the measured table; written as Markdown when RELIABILITY_TABLE names a file. */
export class MeasuredTable {
	readonly rows: MeasuredRow[] = [];

	add(row: MeasuredRow): void {
		this.rows.push(row);
	}

	write(title: string): void {
		const file = process.env.RELIABILITY_TABLE;
		if (!file || this.rows.length === 0) return;
		const lines = [
			`### ${title}`,
			'',
			'| Fault | Operation | Expected outcome | Received | Processed |',
			'| --- | --- | --- | --- | --- |',
			...this.rows.map(
				(row) =>
					`| ${row.fault} | ${row.operation} | ${row.expected} | ${row.received} | ${row.processed} |`,
			),
			'',
		];
		fs.appendFileSync(file, lines.join('\n') + '\n');
	}
}
