import type { Category, GeoPoint } from '@gridkit/sdk';
import type { AttributeDraft } from './attributes.js';
import type { FieldId } from './fields.js';
import type { TrayPhoto } from './photo-tray.js';
import type { Messages } from './view.js';

/** Limits from the contract (`CaseInput`): at most 9 photos, 2000 characters of description. */
export const maxPhotos = 9;
export const descriptionMax = 2000;

export type Contact = 'named' | 'anonymous';

/** What the resident has typed or chosen so far. */
export interface Answers {
  categoryCode?: string;
  /** The category's extra fields, by code. */
  attributes: Record<string, AttributeDraft>;
  address: string;
  point?: GeoPoint;
  description: string;
  contact?: Contact;
  reporterName: string;
  phone: string;
}

export const noAnswers: Readonly<Answers> = {
  attributes: {},
  address: '',
  description: '',
  reporterName: '',
  phone: '',
};

/** The whole report so far, as validation and sending read it. */
export interface ReportDraft extends Answers {
  category?: Category;
  /** A grid is fixed (`grid-id`) or chosen. */
  hasGrid: boolean;
  photos: readonly TrayPhoto[];
}

/** The first question's problem: no category chosen. */
export function categoryProblems(
  draft: Pick<ReportDraft, 'category'>,
  m: Pick<Messages, 'chooseCategory'>,
): [FieldId, string][] {
  return draft.category ? [] : [['category', m.chooseCategory]];
}
