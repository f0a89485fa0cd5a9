import { defineSection } from '../section.js';

export const teams = defineSection({}, {});
