// .docx → plan text: mammoth renders the document to HTML (tables keep their merged cells as
// rowspan/colspan), and htmlToPlanText lays it out as a Word text export, so parsePlanText
// reads a .docx exactly as it reads an exported .txt.
import mammoth from 'mammoth';
import { PlanParseError } from './plan-errors.js';
import { htmlToPlanText } from './html-to-plan-text.js';

// Images carry nothing the parser reads; an empty src keeps the HTML small.
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));

export const docxToPlanText = async (buffer: Buffer): Promise<string> => {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer }, { convertImage: dropImages })).value;
  } catch (error) {
    // The parser's message ("[xmldom error] …") is logged, never shown to users.
    console.error('plan .docx could not be read:', (error instanceof Error ? error.message : String(error)).slice(0, 300));
    throw new PlanParseError('plan_corrupt_file', '无法读取 .docx 文件（文件可能已损坏），请用 Word 或 WPS 打开后另存再上传');
  }
  return htmlToPlanText(html);
};
