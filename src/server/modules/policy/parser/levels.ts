// Which heading style numbers the measures and which the sections. Documents differ
// ("一、/（一）", "第一章/第一条", "一、/1.", "一、/（一）/1."), so it is decided per document:
// measures are the headings that own the unit labels.

import { type HeadingStyle, STYLE_DEPTH } from "./headings.js";
import type { Segment } from "./segments.js";

export interface Levels {
  measure: HeadingStyle;
  section: HeadingStyle | null;
}

interface HeadingNode {
  style: HeadingStyle;
  parent: HeadingNode | null;
  /** A label appears in this heading's own text, before any deeper heading. */
  ownsLabel: boolean;
  /** Position among the headings of the same style under the same parent. */
  index: number;
  siblings: { count: number };
  credited: boolean;
}

/** The heading tree of the document, with the labels attached to their innermost heading. */
function headingTree(segments: readonly Segment[], hasLabel: readonly boolean[]): HeadingNode[] {
  const nodes: HeadingNode[] = [];
  const open: HeadingNode[] = [];
  const childCounts = new Map<HeadingNode | null, Map<HeadingStyle, { count: number }>>();
  segments.forEach((segment, i) => {
    const heading = segment.heading;
    if (heading !== null) {
      const depth = STYLE_DEPTH[heading.style];
      for (let top = open.at(-1); top !== undefined && STYLE_DEPTH[top.style] >= depth; top = open.at(-1)) {
        open.pop();
      }
      const parent = open.at(-1) ?? null;
      const counts = childCounts.get(parent) ?? new Map<HeadingStyle, { count: number }>();
      childCounts.set(parent, counts);
      const siblings = counts.get(heading.style) ?? { count: 0 };
      counts.set(heading.style, siblings);
      const node = {
        style: heading.style,
        parent,
        ownsLabel: false,
        index: siblings.count,
        siblings,
        credited: false,
      };
      siblings.count++;
      nodes.push(node);
      open.push(node);
    }
    const owner = open.at(-1);
    if (hasLabel[i] === true && owner !== undefined) owner.ownsLabel = true;
  });
  return nodes;
}

/**
 * Sub-items ("1. 2." inside a measure, the label after the last one) only ever own a label as
 * the last of several siblings; their labels belong to the parent heading.
 */
function isSubItemStyle(labelled: readonly HeadingNode[]): boolean {
  return (
    labelled.length > 0 && labelled.every((n) => n.siblings.count >= 2 && n.index === n.siblings.count - 1)
  );
}

/**
 * Measures: the style with the most headings owning labels (deeper wins a tie). Without any
 * labels: the second-outermost style. Sections: the outermost style above the measures.
 * Null when the document has no headings at all.
 */
export function chooseLevels(segments: readonly Segment[], hasLabel: readonly boolean[]): Levels | null {
  const nodes = headingTree(segments, hasLabel);
  const styles = [...new Set(nodes.map((n) => n.style))].sort((a, b) => STYLE_DEPTH[a] - STYLE_DEPTH[b]);
  for (const style of styles) {
    const labelled = nodes.filter((n) => n.style === style && n.ownsLabel);
    const subItems = isSubItemStyle(labelled);
    for (const node of labelled) {
      const credited = subItems ? node.parent : node;
      if (credited !== null) credited.credited = true;
    }
  }
  const credit = (style: HeadingStyle) => nodes.filter((n) => n.style === style && n.credited).length;
  const ranked = [...styles].sort((a, b) => credit(b) - credit(a) || STYLE_DEPTH[b] - STYLE_DEPTH[a]);
  const best = ranked[0];
  if (best === undefined) return null;
  const measure = credit(best) > 0 ? best : (styles[1] ?? best);
  const outer = styles[0];
  const section = outer !== undefined && STYLE_DEPTH[outer] < STYLE_DEPTH[measure] ? outer : null;
  return { measure, section };
}
