import type { Step } from '../lib/context';
import { accountsStep } from './accounts';
import { casesStep } from './cases';
import { governanceStep } from './governance';
import { peopleStep } from './people';
import { territoryStep } from './territory';

/**
 * Every generator step, in order. A module adds its data by appending a step here
 * (people: residents and households; cases; issues; …): it reads what earlier steps left
 * in `ctx.world` and writes its rows with `ctx.insert`.
 */
export const steps: Step[] = [territoryStep, accountsStep, peopleStep, casesStep, governanceStep];
