'use strict';
/**
 * Workflows of the queue-mode scale test.
 *
 * hrOnboarding: the HR-onboarding flow (new hires → Employee Badge enrollments → one card print per hire) behind a
 * production Webhook, so that ten POSTs give ten queued executions. The webhook answers with the last node's
 * summary once the execution has finished on a worker. Body: { batch, hires, printerId, runTag }.
 *
 * printTrigger: the package's Entrust IIDaaS Trigger on `credential.print`, followed by a No Op node.
 */
const PACKAGE = 'n8n-nodes-entrust-iidaas';
const CREDENTIAL = { entrustIidaasApi: { id: 'iidaasEmulator', name: 'IIDaaS Emulator' } };

const GENERATE_HIRES = `// One item per new hire of this batch; Employee IDs are unique across batches and runs.
const { batch, hires, runTag } = $input.first().json.body;
const departments = ['Engineering', 'Finance', 'Operations', 'Sales'];
const out = [];
for (let n = 1; n <= hires; n++) {
  const number = String(n).padStart(3, '0');
  out.push({ json: {
    employeeId: \`E-\${runTag}-\${batch}-\${number}\`,
    firstName: \`Hire\${number}\`,
    lastName: \`Batch\${batch}\`,
    department: departments[n % departments.length],
    hireDate: '01/15/2027',
  } });
}
return out;
`;

const SUMMARY = `// What this execution did, as the webhook's answer.
const prints = $input.all().map((item) => item.json);
return [{ json: {
  batch: $('Webhook').first().json.body.batch,
  enrolled: $('Create Enrollments').all().filter((item) => item.json.success === true).length,
  printed: prints.filter((p) => typeof p.printJobId === 'string').length,
  printJobIds: prints.map((p) => p.printJobId),
} }];
`;

function hrOnboarding({ id = 'scaleHrOnboarding', path = 'scale-hr-onboarding' } = {}) {
	return {
		id,
		name: 'Scale: HR onboarding (queue mode)',
		active: false,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
				id: 'b6d7f3a0-0000-4000-8000-000000000001',
				webhookId: 'b6d7f3a0-0000-4000-8000-0000000000aa',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
			},
			{
				parameters: { jsCode: GENERATE_HIRES },
				id: 'b6d7f3a0-0000-4000-8000-000000000002',
				name: 'New Hires',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'enrollment',
					operation: 'create',
					enrollmentDesignName: 'Employee Badge',
					fieldMode: 'json',
					fieldsJson:
						'={{ JSON.stringify({ "First Name": $json.firstName, "Last Name": $json.lastName, "Employee ID": $json.employeeId, "Department": $json.department, "Hire Date": $json.hireDate }) }}',
					batchOptions: { batchSize: 50 },
				},
				id: 'b6d7f3a0-0000-4000-8000-000000000003',
				name: 'Create Enrollments',
				type: `${PACKAGE}.entrustIidaas`,
				typeVersion: 1,
				position: [440, 0],
				credentials: CREDENTIAL,
			},
			{
				parameters: {
					resource: 'enrollment',
					operation: 'print',
					printBy: 'enrollmentId',
					enrollmentId: '={{ $json.id }}',
					printerId: {
						__rl: true,
						mode: 'id',
						value: "={{ $('Webhook').first().json.body.printerId }}",
					},
					hopper: 1,
				},
				id: 'b6d7f3a0-0000-4000-8000-000000000004',
				name: 'Print Badges',
				type: `${PACKAGE}.entrustIidaas`,
				typeVersion: 1,
				position: [660, 0],
				credentials: CREDENTIAL,
			},
			{
				parameters: { jsCode: SUMMARY },
				id: 'b6d7f3a0-0000-4000-8000-000000000005',
				name: 'Summary',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [880, 0],
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'New Hires', type: 'main', index: 0 }]] },
			'New Hires': { main: [[{ node: 'Create Enrollments', type: 'main', index: 0 }]] },
			'Create Enrollments': { main: [[{ node: 'Print Badges', type: 'main', index: 0 }]] },
			'Print Badges': { main: [[{ node: 'Summary', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function printTrigger({ id = 'scalePrintTrigger' } = {}) {
	return {
		id,
		name: 'Scale: card printed trigger (queue mode)',
		active: false,
		nodes: [
			{
				parameters: { events: ['credential.print'], verifySignature: true },
				id: 'c7e8a4b1-0000-4000-8000-000000000001',
				webhookId: 'c7e8a4b1-0000-4000-8000-0000000000aa',
				name: 'Entrust IIDaaS Trigger',
				type: `${PACKAGE}.entrustIidaasTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: CREDENTIAL,
			},
			{
				parameters: {},
				id: 'c7e8a4b1-0000-4000-8000-000000000002',
				name: 'Card Printed',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
			},
		],
		connections: {
			'Entrust IIDaaS Trigger': { main: [[{ node: 'Card Printed', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { hrOnboarding, printTrigger };
