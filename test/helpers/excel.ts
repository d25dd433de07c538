// Read an XLSX export back with exceljs, an implementation independent of ours. exceljs declares its own Buffer
// (an ArrayBuffer), so the bytes are handed over as one.
import ExcelJS from 'exceljs';

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book;
}
