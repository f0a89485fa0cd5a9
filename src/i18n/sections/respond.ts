import { defineSection } from '../section.js';

export const respond = defineSection({}, {});
