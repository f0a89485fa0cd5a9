import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Copy, DockerfileParser, Env, Healthcheck, type Instruction, JSONInstruction, ModifiableInstruction } from 'dockerfile-ast';
import { REPO_ROOT } from '../support/process.js';

/** One `FROM … AS name` and the instructions under it, as the parser read them. */
export interface Stage {
  name: string;
  instructions: Instruction[];
}

/** A `COPY` of a stage: from the build context, or `--from` another stage. */
export interface CopyStep {
  from?: string;
  sources: string[];
  dest: string;
}

/** What a container of a stage is: the parts of the Dockerfile that decide how it runs. */
export interface ImageModel {
  workdir: string;
  env: Record<string, string>;
  user?: string;
  copies: CopyStep[];
  runs: string[];
  cmd: string[];
  healthcheck: { flags: Record<string, string>; cmd: string[] };
  stopSignal?: string;
  volumes: string[];
}

export const DOCKERFILE = path.join(REPO_ROOT, 'Dockerfile');

export function readStages(text = readFileSync(DOCKERFILE, 'utf8')): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const as = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? (args[as + 1] ?? '') : String(stages.length), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** An exec-form (JSON array) command; the shell form is refused, since a signal would go to the shell, not node. */
function execForm(instruction: Instruction, json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || parsed.some((p) => typeof p !== 'string'))
    throw new Error(`${instruction.getKeyword()} is not in exec form: ${json}`);
  return parsed as string[];
}

function flagsOf(instruction: Instruction): Record<string, string> {
  if (!(instruction instanceof ModifiableInstruction)) return {};
  return Object.fromEntries(instruction.getFlags().map((f) => [f.getName(), f.getValue() ?? '']));
}

/** The image a stage describes, instruction by instruction (later ones win, as in Docker). */
export function imageOf(stage: Stage): ImageModel {
  const model: ImageModel = { workdir: '/', env: {}, copies: [], runs: [], cmd: [], healthcheck: { flags: {}, cmd: [] }, volumes: [] };
  for (const instruction of stage.instructions) {
    const args = instruction.getArguments().map((a) => a.getValue());
    switch (instruction.getKeyword()) {
      case 'WORKDIR':
        model.workdir = path.posix.resolve(model.workdir, args[0] ?? '');
        break;
      case 'ENV':
        if (instruction instanceof Env) for (const p of instruction.getProperties()) model.env[p.getName()] = p.getValue() ?? '';
        break;
      case 'USER':
        model.user = args[0];
        break;
      case 'COPY': {
        if (!(instruction instanceof Copy)) break;
        const from = flagsOf(instruction).from;
        model.copies.push({ ...(from ? { from } : {}), sources: args.slice(0, -1), dest: path.posix.resolve(model.workdir, args.at(-1) ?? '') });
        break;
      }
      case 'RUN':
        model.runs.push(instruction.getArgumentsContent() ?? '');
        break;
      case 'CMD':
        if (instruction instanceof JSONInstruction) model.cmd = execForm(instruction, instruction.getArgumentsContent() ?? '');
        break;
      case 'HEALTHCHECK': {
        if (!(instruction instanceof Healthcheck)) break;
        const content = (instruction.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ').trim();
        const subcommand = instruction.getSubcommand()?.getValue().toUpperCase();
        if (subcommand !== 'CMD') throw new Error(`HEALTHCHECK ${subcommand ?? ''}: expected HEALTHCHECK … CMD [exec form]`);
        model.healthcheck = { flags: flagsOf(instruction), cmd: execForm(instruction, content.replace(/^CMD\s+/i, '')) };
        break;
      }
      case 'STOPSIGNAL':
        model.stopSignal = args[0];
        break;
      case 'VOLUME':
        model.volumes.push(
          ...(instruction.getArgumentsContent()?.trim().startsWith('[') ? execForm(instruction, instruction.getArgumentsContent() ?? '') : args),
        );
        break;
    }
  }
  return model;
}
