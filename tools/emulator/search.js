'use strict';
/** The API's search operators and ordering, shared by the print queue and tenant searches. */

/** Orders numbers as numbers and everything else as text; undefined first. */
function compare(a, b) {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	const na = Number(a);
	const nb = Number(b);
	if (!isNaN(na) && !isNaN(nb) && a !== '' && b !== '') return na - nb;
	return String(a).localeCompare(String(b));
}

/** SearchAttribute operators (case-insensitive like the service); the spec validates which ones an endpoint takes. */
const OPERATORS = {
	EQUALS: (v, x) => v !== undefined && String(v).toLowerCase() === x.toLowerCase(),
	IS: (v, x) => OPERATORS.EQUALS(v, x),
	NOT_EQUALS: (v, x) => !OPERATORS.EQUALS(v, x),
	CONTAINS: (v, x) => v !== undefined && String(v).toLowerCase().includes(x.toLowerCase()),
	NOT_CONTAINS: (v, x) => !OPERATORS.CONTAINS(v, x),
	STARTS_WITH: (v, x) => v !== undefined && String(v).toLowerCase().startsWith(x.toLowerCase()),
	ENDS_WITH: (v, x) => v !== undefined && String(v).toLowerCase().endsWith(x.toLowerCase()),
	GREATER_THAN: (v, x) => v !== undefined && compare(v, x) > 0,
	GREATER_THAN_OR_EQUAL: (v, x) => v !== undefined && compare(v, x) >= 0,
	LESS_THAN: (v, x) => v !== undefined && compare(v, x) < 0,
	LESS_THAN_OR_EQUAL: (v, x) => v !== undefined && compare(v, x) <= 0,
	IN: (v, x) =>
		v !== undefined &&
		x
			.split(',')
			.map((s) => s.trim().toLowerCase())
			.includes(String(v).toLowerCase()),
	EXISTS: (v) => v !== undefined && v !== '',
	NOT_EXISTS: (v) => v === undefined || v === '',
};

module.exports = { compare, OPERATORS };
