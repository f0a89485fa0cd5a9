import { defineSection } from '../section.js';

export const alerts = defineSection({}, {});
