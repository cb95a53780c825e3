import { defineResource } from '../../framework/define';
import { createEnrollment } from './create.operation';
import { createOrUpdateEnrollment } from './createOrUpdate.operation';
import { deleteEnrollment } from './delete.operation';
import { deleteEnrollmentByKey } from './deleteByKey.operation';
import { getEnrollment } from './get.operation';
import { getManyEnrollments } from './getAll.operation';
import { getEnrollmentDesigns } from './getDesigns.operation';
import { printEnrollment } from './print.operation';
import { updateEnrollment } from './update.operation';

export const enrollmentResource = defineResource({
	value: 'enrollment',
	name: 'Enrollment',
	description:
		'Card holder records of an enrollment design: create, create or update by a key field, read, update, delete and print',
	operations: [
		createEnrollment,
		createOrUpdateEnrollment,
		getEnrollment,
		getManyEnrollments,
		updateEnrollment,
		deleteEnrollment,
		deleteEnrollmentByKey,
		printEnrollment,
		getEnrollmentDesigns,
	],
});
