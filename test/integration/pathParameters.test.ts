/**
 * Path parameters (issue 13.6): `.`, `..` and empty values would become dot segments or empty segments and change
 * which resource a request reaches (`/v2/enrollments/read/..` is `/v2/enrollments/`). They are refused before
 * anything is sent, naming the field and the item.
 */
import { useEmulator } from '../helpers/emulator';

const fixture = useEmulator();

describe('path parameters that would change the URL', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('refuses "." and ".." per item, naming the field and the item, and sends nothing', async () => {
		const designs = ['..', '.', 'Employee Badge'];
		const { output } = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'getAll',
				enrollmentDesignName: (itemIndex: number) => designs[itemIndex],
				returnAll: false,
				limit: 1,
			},
			{ continueOnFail: true, items: designs.map(() => ({ json: {} })) },
		);
		expect(output).toHaveLength(3);
		expect(output[0].json.error).toMatch(
			/^Enrollment Design Name: "\.\." is not a valid value.*\[item 0\]$/,
		);
		expect(output[1].json.error).toMatch(
			/^Enrollment Design Name: "\." is not a valid value.*\[item 1\]$/,
		);
		expect(output[2].json.error).toBeUndefined();
		// Only the valid item reached the service: one sign-in and one read, no request to a dot-segment path.
		expect(fixture.emulator.requests.map((request) => request.operationId)).toEqual([
			'authenticateAdminApiUsingPOST',
			'readEnrollmentsV2',
		]);
	});

	it('fails the run before signing in when the only item is refused', async () => {
		await expect(
			fixture.run({
				resource: 'enrollment',
				operation: 'getAll',
				enrollmentDesignName: '..',
				returnAll: true,
			}),
		).rejects.toThrow(/Enrollment Design Name: "\.\." is not a valid value.*\[item 0\]/);
		expect(fixture.emulator.requests).toEqual([]);
	});
});
