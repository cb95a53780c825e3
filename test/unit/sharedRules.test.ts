import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { readSearch, searchFields } from '../../nodes/EntrustIidaas/framework/search';
import { checkEnrollmentId } from '../../nodes/EntrustIidaas/resources/enrollment/fields';
import {
	checkExceptionSlotMessage,
	checkHopper,
} from '../../nodes/EntrustIidaas/resources/printer/fields';

const NODE = {
	name: 'IIDaaS',
	type: 'entrustIidaas',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

function item(params: Record<string, unknown> = {}, itemIndex = 2) {
	const fn = {
		getNode: () => NODE,
		getNodeParameter: (name: string, _index: number, fallback: unknown) => params[name] ?? fallback,
	} as unknown as IExecuteFunctions;
	return { fn, itemIndex };
}

describe('one enrollment ID rule', () => {
	it('accepts standard and URL-safe base64, padded or not, and decodes a percent-encoded ID', () => {
		expect(checkEnrollmentId(item(), ' eyJ3b3Jr+ZmxvdyI6/IjEifQ== ')).toBe(
			'eyJ3b3Jr+ZmxvdyI6/IjEifQ==',
		);
		expect(checkEnrollmentId(item(), 'eyJ3b3Jr-ZmxvdyI6_IjEifQ')).toBe('eyJ3b3Jr-ZmxvdyI6_IjEifQ');
		expect(checkEnrollmentId(item(), encodeURIComponent('ab+/cd=='))).toBe('ab+/cd==');
	});

	it('names the field and the item when the ID is missing or not base64', () => {
		expect(() => checkEnrollmentId(item(), '')).toThrow('Enrollment ID: is required [item 2]');
		expect(() => checkEnrollmentId(item(), 'not base64!', 'Enrollment IDs → ID 3')).toThrow(
			/^Enrollment IDs → ID 3: "not base64!" is not an enrollment ID: expected base64.*\[item 2\]$/,
		);
		expect(() => checkEnrollmentId(item(), 'abc===')).toThrow(/is not an enrollment ID/);
	});
});

describe('one hopper rule', () => {
	it('takes 0 (the exception slot) to 6, or 1 to 6 where the slot is not offered', () => {
		expect(checkHopper(item(), 0)).toBe(0);
		expect(checkHopper(item(), '6')).toBe(6);
		expect(() => checkHopper(item(), 0, 1)).toThrow(
			'Hopper: must be a whole number from 1 to 6, not "0" [item 2]',
		);
		expect(() => checkHopper(item(), 9)).toThrow('Hopper: must be at most 6, not 9 [item 2]');
		expect(() => checkHopper(item(), 1.5)).toThrow(/Hopper: must be a whole number from 0 to 6/);
	});

	it('keeps the exception slot message within what printers show', () => {
		expect(checkExceptionSlotMessage(item(), ' Load a badge card ')).toBe('Load a badge card');
		expect(() => checkExceptionSlotMessage(item(), 'x'.repeat(46))).toThrow(
			'Exception Slot Message: is 46 characters long; printers show at most 45 [item 2]',
		);
	});
});

describe('one search definition', () => {
	it('offers IS only where the endpoint takes it, and sorts by the given default', () => {
		const operators = (withIs: boolean) =>
			(
				searchFields({ attributeExample: 'name', sortDefault: 'createdOn', withIs })[0]
					.options![0] as { values: Array<{ name: string; options?: Array<{ value: string }> }> }
			).values
				.find((value) => value.name === 'operator')!
				.options!.map((option) => option.value);
		expect(operators(true)).toContain('IS');
		expect(operators(false)).not.toContain('IS');
		const sort = searchFields({
			attributeExample: 'name',
			sortDefault: 'createdOn',
			ascendingDefault: false,
		})[1].options as Array<{ name: string; default: unknown }>;
		expect(sort.map((option) => [option.name, option.default])).toEqual([
			['ascending', false],
			['name', 'createdOn'],
		]);
	});

	it('reads filters and sort into the request body, with no value for EXISTS', () => {
		const ctx = item({
			filters: {
				filter: [
					{ name: ' status ', operator: 'EQUALS', value: 'COMPLETED' },
					{ name: 'printerName', operator: 'EXISTS', value: 'ignored' },
				],
			},
			sort: { name: 'createdOn' },
		});
		expect(readSearch(ctx, { ascendingDefault: false })).toEqual({
			searchByAttributes: [
				{ name: 'status', operator: 'EQUALS', value: 'COMPLETED' },
				{ name: 'printerName', operator: 'EXISTS' },
			],
			orderByAttribute: { name: 'createdOn', ascending: false },
		});
		expect(readSearch(item({ sort: { name: 'companyName' } }))).toEqual({
			orderByAttribute: { name: 'companyName', ascending: true },
		});
		expect(() =>
			readSearch(item({ filters: { filter: [{ name: ' ', operator: 'EQUALS' }] } })),
		).toThrow('Filters → Filter 1 → Attribute: is required [item 2]');
	});
});
