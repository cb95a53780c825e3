import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

// n8n's rule sets: the community-node rules n8n's verification applies (the cloud-eligible
// "recommended" set) and eslint-plugin-n8n-nodes-base's package, credential and node rules.
//
// One rule cannot hold together with the others: `cred-class-field-documentation-url-miscased` wants
// a camelCase slug ("only applicable to nodes in the main repository", its docs say), while
// `cred-class-field-documentation-url-not-http-url` and `@n8n/community-nodes/credential-documentation-url`
// want an http URL for community credentials. No value satisfies all three; the URL is what works for
// users, so the main-repository rule is the one left out. test/lint.test.ts checks nothing else is.
export const MAIN_REPOSITORY_ONLY_RULES = [
	'n8n-nodes-base/cred-class-field-documentation-url-miscased',
];
const credentialRules = Object.fromEntries(
	Object.entries(n8nNodesBase.configs.credentials.rules).filter(
		([rule]) => !MAIN_REPOSITORY_ONLY_RULES.includes(rule),
	),
);

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'scripts/**',
			'examples/**',
			'.n8n-runtime/**',
			'.n8n-home/**',
			'*.js',
			'*.mjs',
		],
	},
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{ files: ['**/*.ts', 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended },
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: credentialRules,
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.nodes.rules,
	},
];
