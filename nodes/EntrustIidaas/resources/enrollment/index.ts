import { defineResource } from '../../framework/define';
import { createEnrollment } from './create.operation';
import { deleteEnrollment } from './delete.operation';
import { getEnrollment } from './get.operation';
import { getManyEnrollments } from './getAll.operation';
import { getEnrollmentDesigns } from './getDesigns.operation';
import { printEnrollment } from './print.operation';
import { updateEnrollment } from './update.operation';

export const enrollmentResource = defineResource({
	value: 'enrollment',
	name: 'Enrollment',
	description: 'Card holder records of an enrollment design: create, read, update, delete and print',
	operations: [createEnrollment, getEnrollment, getManyEnrollments, updateEnrollment, deleteEnrollment, printEnrollment, getEnrollmentDesigns],
});
