import { defineSection } from '../section.js';

export const commands = defineSection({}, {});
