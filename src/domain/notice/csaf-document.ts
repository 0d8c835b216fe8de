/**
 * The part of the CSAF 2.0 JSON schema (https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json)
 * that the drafts use. Property names are the schema's.
 */
export interface CsafDocument {
  readonly document: {
    readonly category: 'csaf_security_advisory' | 'csaf_security_incident_response';
    readonly csaf_version: '2.0';
    readonly lang: string;
    readonly title: string;
    readonly publisher: {
      readonly category: 'vendor';
      readonly name: string;
      readonly namespace: string;
    };
    readonly tracking: CsafTracking;
    readonly aggregate_severity?: { readonly text: string };
    readonly notes: readonly CsafNote[];
    readonly references?: readonly CsafReference[];
  };
  readonly product_tree: { readonly branches: readonly CsafBranch[] };
  readonly vulnerabilities: readonly CsafVulnerability[];
}

export interface CsafTracking {
  readonly id: string;
  readonly status: 'draft' | 'interim' | 'final';
  readonly version: string;
  readonly revision_history: readonly CsafRevision[];
  readonly initial_release_date: string;
  readonly current_release_date: string;
  readonly generator: { readonly engine: { readonly name: string }; readonly date: string };
}

export interface CsafRevision {
  readonly date: string;
  readonly number: string;
  readonly summary: string;
}

export type CsafNoteCategory = 'description' | 'details' | 'general' | 'other' | 'summary';

export interface CsafNote {
  readonly category: CsafNoteCategory;
  readonly title: string;
  readonly text: string;
}

export interface CsafReference {
  readonly category: 'external';
  readonly summary: string;
  readonly url: string;
}

export type CsafBranch =
  | { readonly category: 'vendor'; readonly name: string; readonly branches: readonly CsafBranch[] }
  | {
      readonly category: 'product_name';
      readonly name: string;
      readonly product: { readonly name: string; readonly product_id: string };
    };

export interface CsafVulnerability {
  readonly cve?: string;
  readonly title: string;
  readonly discovery_date?: string;
  readonly notes?: readonly CsafNote[];
  readonly product_status: { readonly known_affected: readonly string[] };
  readonly remediations: readonly CsafRemediation[];
  readonly scores?: readonly CsafScore[];
  readonly threats: readonly CsafThreat[];
}

export interface CsafRemediation {
  readonly category: 'vendor_fix' | 'mitigation' | 'none_available' | 'no_fix_planned';
  readonly details: string;
  readonly product_ids: readonly string[];
}

/** CVSS v3.0 and v3.1 only: CSAF 2.0 has no place for a v4.0 score. */
export interface CsafScore {
  readonly products: readonly string[];
  readonly cvss_v3: {
    readonly version: '3.0' | '3.1';
    readonly vectorString: string;
    readonly baseScore: number;
    readonly baseSeverity: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  };
}

export interface CsafThreat {
  readonly category: 'exploit_status';
  readonly details: string;
  readonly product_ids: readonly string[];
}
