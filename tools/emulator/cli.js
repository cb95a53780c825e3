#!/usr/bin/env node
'use strict';
/**
 * Standalone emulator for demos and manual testing: `npm run emulator -- --port 8080 --latency 50 --token-lifetime 900`.
 * PORT in the environment works too. Ctrl+C stops it.
 */
const { startEmulator } = require('./index');
const printJobs = require('./printJobs');

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = inline !== undefined ? inline : argv[i + 1];
		const take = (name) => {
			args[name] = Number(value);
			if (inline === undefined) i++;
			if (!Number.isFinite(args[name])) throw new Error(`${flag} needs a number`);
		};
		if (flag === '--port') take('port');
		else if (flag === '--latency') take('latencyMs');
		else if (flag === '--token-lifetime') take('tokenLifetimeSeconds');
		else if (flag === '--help' || flag === '-h') args.help = true;
		else if (flag === '--verbose') args.verbose = true;
		else throw new Error(`unknown argument ${argv[i]} (try --help)`);
	}
	return args;
}

/** A few finished jobs so the print queue isn't empty in a demo. */
function seedDemoJobs(emu) {
	const printers = [...emu.state.printers.values()].filter((p) => !/jammed/i.test(p.name));
	const names = [
		'Visitor badge - J. Rivera',
		'Employee card - A. Chen',
		'Contractor badge - M. Okafor',
	];
	names.forEach((name, i) => {
		const job = printJobs.createPrintJob(emu.ctx, printers[i % printers.length], { name });
		printJobs.setStatus(emu.ctx, job, 'COMPLETED', 'Card printed successfully');
	});
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(
			'Usage: npm run emulator -- [--port N] [--latency MS] [--token-lifetime SECONDS] [--verbose]',
		);
		return;
	}
	const envPort = process.env.PORT ? Number(process.env.PORT) : undefined;
	const emu = await startEmulator({
		port: args.port !== undefined ? args.port : envPort !== undefined ? envPort : 8080,
		latencyMs: args.latencyMs,
		tokenLifetimeSeconds: args.tokenLifetimeSeconds,
		quiet: !args.verbose,
	});
	seedDemoJobs(emu);
	console.log(`Entrust IIDaaS emulator listening on ${emu.url}`);
	console.log('Credentials for n8n (Entrust IIDaaS API):');
	console.log(`  Account URL:    ${emu.url}`);
	console.log(`  Application ID: ${emu.credentials.applicationId}`);
	console.log(`  Shared Secret:  ${emu.credentials.sharedSecret}`);
	console.log(
		`Seeded ${emu.state.printers.size} printers and ${emu.state.printJobs.size} print jobs. Ctrl+C to stop.`,
	);

	const stop = async (signal) => {
		console.log(`\n${signal}: stopping emulator`);
		await emu.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	console.error(`iidaas-emulator: ${err.message}`);
	process.exit(1);
});
