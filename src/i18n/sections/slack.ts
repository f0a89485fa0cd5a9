import { defineSection } from '../section.js';

export const slack = defineSection({}, {});
