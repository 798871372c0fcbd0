import type { ItemContent } from "../modules/catalogue/catalogue.schema.js";

/** One demo catalogue item (seeds/services.ts, seeds/services-measures.ts): its code, the measures
 * of the demo policy it implements (by number), and its content given the organisation ids by name. */
export interface DemoItem {
  code: string;
  measures: number[];
  content: (org: (name: string) => string) => ItemContent;
}
