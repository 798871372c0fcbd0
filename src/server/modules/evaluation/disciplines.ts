// The discipline dictionary (学科/专业) experts and rounds are coded with; a small fixed list.
export const DISCIPLINES = [
  { code: "ENG-MAT", name: "材料科学与工程" },
  { code: "ENG-MEC", name: "机械工程" },
  { code: "ENG-ELE", name: "电气工程" },
  { code: "ENG-CHE", name: "化学工程" },
  { code: "ENG-CIV", name: "土木建筑工程" },
  { code: "ENG-ICT", name: "电子信息与计算机" },
  { code: "MED-CLI", name: "临床医学" },
  { code: "MED-NUR", name: "护理" },
  { code: "EDU", name: "教育" },
  { code: "AGR", name: "农业" },
  { code: "ECO", name: "经济与管理" },
  { code: "SKL-WLD", name: "焊接技能" },
  { code: "SKL-MCH", name: "机械加工技能" },
] as const;

export const DISCIPLINE_CODES: ReadonlySet<string> = new Set(DISCIPLINES.map((d) => d.code));
