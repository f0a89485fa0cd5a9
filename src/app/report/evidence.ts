import type { Incident, Sample } from '../../core/incident/incident.js';

/**
 * The posts behind an incident, as its report and exports read them: today the samples kept on the incident
 * (bounded, negative posts). Reports and exports read evidence only through this function, so that a richer
 * store of evidence replaces it here alone.
 */
export async function incidentEvidence(incident: Incident): Promise<Sample[]> {
  return incident.samples;
}
