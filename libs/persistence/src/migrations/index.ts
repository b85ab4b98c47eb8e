import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795597178159 } from './1795597178159-InitialSchema';
import { Approvals1795597698869 } from './1795597698869-Approvals';
import { DeemedApprovalEvent1795598692226 } from './1795598692226-DeemedApprovalEvent';
import { Alerts1795600369064 } from './1795600369064-Alerts';
import { AlertRounds1795601556640 } from './1795601556640-AlertRounds';
import { CockpitIndexes1795604895224 } from './1795604895224-CockpitIndexes';
import { CockpitCoveringIndexes1795607846524 } from './1795607846524-CockpitCoveringIndexes';
import { WebhookRobots1796634642666 } from './1796634642666-WebhookRobots';
import { ProjectCodeSequence1796634877126 } from './1796634877126-ProjectCodeSequence';
import { NormalisedUsernames1796634946505 } from './1796634946505-NormalisedUsernames';
import { CalendarYearAlerts1796646526710 } from './1796646526710-CalendarYearAlerts';
import { Dispatch1796646587511 } from './1796646587511-Dispatch';
import { FundCorrections1796900000000 } from './1796900000000-FundCorrections';
import { ProblemEventDueDate1797040000000 } from './1797040000000-ProblemEventDueDate';
import { Commitments1797050000000 } from './1797050000000-Commitments';
import { CommitmentAlerts1797050000001 } from './1797050000001-CommitmentAlerts';
import { ProjectCode1797060000000 } from './1797060000000-ProjectCode';
import { CureAndPromise1797070000000 } from './1797070000000-CureAndPromise';
import { ApprovalRoutes1797080000000 } from './1797080000000-ApprovalRoutes';
import { ProblemEventOwner1797100000000 } from './1797100000000-ProblemEventOwner';
import { DurationHistory1797110000000 } from './1797110000000-DurationHistory';
import { RouteStageNames1797120000000 } from './1797120000000-RouteStageNames';
import { UniqueClaims1797130000000 } from './1797130000000-UniqueClaims';
import { StartAtRiskAlert1797140000000 } from './1797140000000-StartAtRiskAlert';
import { CheckIndexes1797170000000 } from './1797170000000-CheckIndexes';

/** Every migration in order. New migrations are generated into this folder and added here. */
export const ALL_MIGRATIONS: Array<new () => MigrationInterface> = [
  InitialSchema1795597178159,
  Approvals1795597698869,
  DeemedApprovalEvent1795598692226,
  Alerts1795600369064,
  AlertRounds1795601556640,
  CockpitIndexes1795604895224,
  CockpitCoveringIndexes1795607846524,
  WebhookRobots1796634642666,
  ProjectCodeSequence1796634877126,
  NormalisedUsernames1796634946505,
  CalendarYearAlerts1796646526710,
  Dispatch1796646587511,
  FundCorrections1796900000000,
  ProblemEventDueDate1797040000000,
  Commitments1797050000000,
  CommitmentAlerts1797050000001,
  ProjectCode1797060000000,
  CureAndPromise1797070000000,
  ApprovalRoutes1797080000000,
  ProblemEventOwner1797100000000,
  DurationHistory1797110000000,
  RouteStageNames1797120000000,
  UniqueClaims1797130000000,
  StartAtRiskAlert1797140000000,
  CheckIndexes1797170000000,
];
