import { checkAccountUrl } from '../../nodes/EntrustIidaas/transport/accountUrl';

describe('Account URL normalisation', () => {
	it.each([
		['customer.region.trustedauth.com', 'https://customer.region.trustedauth.com'],
		['https://customer.region.trustedauth.com', 'https://customer.region.trustedauth.com'],
		['https://customer.region.trustedauth.com/', 'https://customer.region.trustedauth.com'],
		['  Customer.Region.TrustedAuth.com  ', 'https://customer.region.trustedauth.com'],
		['customer.region.trustedauth.com:8443', 'https://customer.region.trustedauth.com:8443'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
	])('accepts %s', (input, expected) => {
		expect(checkAccountUrl(input)).toEqual({ origin: expected });
	});

	it.each([
		['', /empty/],
		['http://customer.region.trustedauth.com', /must use https/],
		// Plain http only to this machine: the credential test and the node refuse private and link-local hosts too.
		['http://10.0.0.8:8080', /must use https/],
		['http://[fe80::1]', /must use https/],
		['http://127.0.0.1.example.com', /must use https/],
		['ftp://customer.region.trustedauth.com', /must use https/],
		['https://user:pass@customer.region.trustedauth.com', /user name or password/],
		['https://customer.region.trustedauth.com/api/web', /without a path/],
		['https://customer.region.trustedauth.com/?x=1', /query string/],
		['https://customer.region.trustedauth.com/#frag', /query string or fragment/],
		['https://exa mple.com', /not a valid/],
		['https://under_score.example.com', /not a valid hostname/],
	])('rejects %s', (input, problem) => {
		const result = checkAccountUrl(input);
		expect('problem' in result && result.problem).toMatch(problem);
	});
});
