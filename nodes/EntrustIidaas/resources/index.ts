import type { ResourceDefinition } from '../framework/types';
import { printerResource } from './printer';
import { printJobResource } from './printJob';

/** Every resource of the node, in the order of the Resource dropdown. Adding one is one line here. */
export const resources: ResourceDefinition[] = [printerResource, printJobResource];
