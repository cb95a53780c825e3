/** Reading a source file's imports without running it, for the tests that guard the repository's structure. */
import path from 'node:path';

/** Relative module specifiers of every import, export-from, require() and import() in `text`, resolved from `file`. */
export function importedPaths(file: string, text: string): string[] {
	const specifiers = [
		...text.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
		...text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
		...text.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
	].map((match) => match[1]);
	return specifiers
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => path.resolve(path.dirname(file), specifier));
}
