/** The README's Trigger section states the figures the code uses; this keeps the two from drifting apart. */
import * as fs from 'fs';
import * as path from 'path';

import { INCLUDED_HEADERS } from '../../nodes/EntrustIidaas/trigger/headers';
import { MAX_SIGNATURES_PER_WEBHOOK } from '../../nodes/EntrustIidaas/trigger/replay';
import {
	DEFAULT_MAX_AGE_SECONDS,
	LIMITS,
} from '../../nodes/EntrustIidaas/trigger/signatureProfile';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(
	readme.indexOf('## Trigger\n'),
	readme.indexOf('\n## ', readme.indexOf('## Trigger\n') + 1),
);

describe('README: Trigger section', () => {
	it('lists exactly the headers Include Headers lets through', () => {
		const listed = section.slice(
			section.indexOf('**Include Headers**'),
			section.indexOf('Everything else is left out'),
		);
		expect([...listed.matchAll(/`([a-z-]+)`/g)].map((match) => match[1])).toEqual(INCLUDED_HEADERS);
	});

	it('states the limits, the replay record and its per-process scope as the code has them', () => {
		const figure = (value: number) => value.toLocaleString('en-US');
		expect(section).toContain(
			`\`Signature-Input\` up to ${figure(LIMITS.signatureInputLength)} characters`,
		);
		expect(section).toContain(
			`\`Signature\` and \`Content-Digest\` up to ${LIMITS.signatureLength}`,
		);
		expect(LIMITS.contentDigestLength).toBe(LIMITS.signatureLength);
		expect(section).toContain(`at most ${LIMITS.labels} signatures`);
		expect(section).toContain(`at most ${LIMITS.components} covered components`);
		expect(section).toContain(`(default ${DEFAULT_MAX_AGE_SECONDS} s)`);
		expect(section).toContain(`at most ${figure(MAX_SIGNATURES_PER_WEBHOOK)} per webhook`);
		expect(section).toContain('answered **200**');
		expect(section).toContain('in memory, per process');
	});
});
