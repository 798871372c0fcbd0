import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanFilename,
  contentDisposition,
  detectFileType,
  extensionFits,
  MAX_FILENAME_LENGTH,
  zipEntryNames,
} from "../../src/server/modules/files/detect.js";
import { docxBytes, jpegBytes, pdfBytes, pngBytes, xlsxBytes, zipBytes } from "../harness/files.js";

describe("detectFileType reads the content, not the name", () => {
  it("recognises each accepted type by its magic bytes", () => {
    expect(detectFileType(pdfBytes())).toBe("pdf");
    expect(detectFileType(pngBytes())).toBe("png");
    expect(detectFileType(jpegBytes())).toBe("jpeg");
    expect(detectFileType(docxBytes())).toBe("docx");
    expect(detectFileType(xlsxBytes())).toBe("xlsx");
  });

  it("reads a real, deflated workbook written by another library", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("考核").addRow(["单位", "得分"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(zipEntryNames(bytes)).toContain("xl/workbook.xml");
    expect(detectFileType(bytes)).toBe("xlsx");
  });

  it("refuses everything else", () => {
    expect(detectFileType(new Uint8Array())).toBeNull();
    expect(
      detectFileType(Buffer.from("MZ\x90\x00 this program cannot be run in DOS mode", "latin1")),
    ).toBeNull();
    expect(detectFileType(Buffer.from("%PD"))).toBeNull();
    expect(detectFileType(Buffer.from("<html><body>%PDF-</body></html>"))).toBeNull();
    // A ZIP that is no office document, one that claims to be both, and a broken one.
    expect(detectFileType(zipBytes({ "readme.txt": "hello" }))).toBeNull();
    expect(detectFileType(zipBytes({ "word/document.xml": "a", "xl/workbook.xml": "b" }))).toBeNull();
    expect(detectFileType(docxBytes().subarray(0, 60))).toBeNull();
  });

  it("finds the central directory behind an archive comment, and rejects lying offsets", () => {
    const plain = docxBytes();
    const comment = Buffer.from("生成于 rencai", "utf8");
    const withComment = Buffer.concat([plain, comment]);
    withComment.writeUInt16LE(comment.length, plain.length - 2);
    expect(zipEntryNames(withComment)).toEqual(["[Content_Types].xml", "word/document.xml"]);
    const lying = Buffer.from(plain);
    lying.writeUInt32LE(plain.length, plain.length - 6); // directory offset past the end
    expect(zipEntryNames(lying)).toBeNull();
  });

  it("never throws on arbitrary bytes, even behind a ZIP signature", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]);
        const type = detectFileType(bytes);
        return type === null || type === "docx" || type === "xlsx";
      }),
    );
  });
});

describe("file names", () => {
  it("keeps only the last path segment, without control or direction-override characters", () => {
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("C:\\Users\\李\\进度报告.pdf")).toBe("进度报告.pdf");
    expect(cleanFilename("  年度\u0000总结\u001f.docx ")).toBe("年度总结.docx");
    expect(cleanFilename("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFilename("..")).toBeNull();
    expect(cleanFilename("a/")).toBeNull();
    expect(cleanFilename("\u0007")).toBeNull();
  });

  it("shortens long names to 200 characters, keeping the extension", () => {
    const long = `${"报".repeat(300)}.xlsx`;
    const cleaned = cleanFilename(long)!;
    expect(Array.from(cleaned)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(cleaned.endsWith("报.xlsx")).toBe(true);
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (raw) => {
        const name = cleanFilename(raw);
        return (
          name === null ||
          (Array.from(name).length <= MAX_FILENAME_LENGTH &&
            !/[/\\]/.test(name) &&
            Array.from(name).every((char) => char.codePointAt(0)! >= 0x20))
        );
      }),
    );
  });

  it("the extension must name the detected type", () => {
    expect(extensionFits("scan.JPG", "jpeg")).toBe(true);
    expect(extensionFits("scan.jpeg", "jpeg")).toBe(true);
    expect(extensionFits("scan.png", "jpeg")).toBe(false);
    expect(extensionFits("pdf", "pdf")).toBe(false);
    expect(extensionFits(".pdf", "pdf")).toBe(false);
  });

  it("offers Chinese names in RFC 5987 form with an ASCII fallback", () => {
    expect(contentDisposition("2026年第四季度 (终稿).pdf")).toBe(
      "attachment; filename=\"2026_____ (__).pdf\"; filename*=UTF-8''2026%E5%B9%B4%E7%AC%AC%E5%9B%9B%E5%AD%A3%E5%BA%A6%20%28%E7%BB%88%E7%A8%BF%29.pdf",
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(
      "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf",
    );
  });
});
