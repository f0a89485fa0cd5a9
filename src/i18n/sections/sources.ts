import { defineSection } from '../section.js';

export const sources = defineSection({}, {});
