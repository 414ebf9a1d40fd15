import type { RecordStore } from '../storage/store.ts';
import type { Terminology, UpdateTerminologyBody } from './schemas.ts';

/** The secretariat's name when none was set. */
export const DEFAULT_SECRETARIAT = 'Ban thư ký';

function clean(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * Settings the secretariat edits, kept in the record store (`settings`). A name never set
 * falls back to its default (the drafting body from `DRAFTING_BODY`).
 */
export class SettingsService {
  constructor(
    private readonly records: RecordStore,
    private readonly defaults: Terminology,
  ) {}

  /** The names in force. */
  terminology(): Terminology {
    const stored = this.records.read((data) => data.settings.terminology);
    return { draftingBody: stored.draftingBody ?? this.defaults.draftingBody, secretariat: stored.secretariat ?? this.defaults.secretariat };
  }

  /** Changes the given names (NFC, spaces collapsed); returns the names before and after. */
  async updateTerminology(changes: UpdateTerminologyBody): Promise<{ previous: Terminology; current: Terminology }> {
    const previous = this.terminology();
    await this.records.write((data) => {
      const terminology = { ...data.settings.terminology };
      if (changes.draftingBody !== undefined) terminology.draftingBody = clean(changes.draftingBody);
      if (changes.secretariat !== undefined) terminology.secretariat = clean(changes.secretariat);
      data.settings = { ...data.settings, terminology };
    });
    return { previous, current: this.terminology() };
  }
}
