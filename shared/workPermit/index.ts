/**
 * Today's 外国人来华工作许可: the points table (as data, with its source and edition), the points,
 * the category A / B / C it supports, and the materials checklist per procedure — pure logic the
 * work-permit document kinds and the renderer's panels share.
 */
import type { FormValues } from '../documents/types';
import { determineCategory, type CategoryResult } from './category';
import { applicantFromValues } from './fields';
import { computePoints, type PointsResult } from './points';
import { CURRENT_POINTS_TABLE, type PointsTable } from './pointsTable';

export * from './source';
export * from './pointsTable';
export * from './points';
export * from './category';
export * from './validity';
export * from './materials';
export * from './fields';

export interface Assessment {
  readonly points: PointsResult;
  readonly category: CategoryResult;
}

/** Points and category of the applicant a record's values describe. */
export function assessValues(values: FormValues, table: PointsTable = CURRENT_POINTS_TABLE): Assessment {
  const applicant = applicantFromValues(values);
  const points = computePoints(applicant, table);
  return { points, category: determineCategory(applicant, points) };
}
