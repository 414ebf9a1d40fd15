import { prng } from '../helpers/prng.ts';
/**
 * Deterministic Vietnamese-like outline text: headings and ~100-word paragraphs built from
 * real Vietnamese syllables with diacritics, normalised to NFC. The same seed always gives
 * the same outline, so every server receives byte-identical content.
 */

/** One top-level block of the outline, as the ProseMirror schema names it. */
export interface Block {
  /** Node type: `heading` or `paragraph`. */
  type: 'heading' | 'paragraph';
  /** Heading level 1–3 (headings only). */
  level?: number;
  /** Stable block id, as the editor stores it in the `id` attribute. */
  id: string;
  /** Plain text content, NFC. */
  text: string;
}

const SYLLABLES = (
  'phát triển kinh tế xã hội bền vững nâng cao chất lượng nguồn nhân lực chuyển đổi số quốc gia ' +
  'đổi mới sáng tạo hoàn thiện thể chế chính sách pháp luật đầu tư công hạ tầng giao thông ' +
  'năng lượng tái tạo môi trường biến đổi khí hậu nông nghiệp nông thôn công nghiệp dịch vụ ' +
  'giáo dục đào tạo khoa học công nghệ y tế chăm sóc sức khỏe nhân dân văn hóa thể thao du lịch ' +
  'quốc phòng an ninh đối ngoại hội nhập quốc tế cải cách hành chính tinh gọn bộ máy hiệu lực ' +
  'hiệu quả quản lý nhà nước địa phương vùng đồng bằng sông Cửu Long Tây Nguyên miền núi phía Bắc ' +
  'duyên hải trung bộ thủ đô Hà Nội thành phố Hồ Chí Minh doanh nghiệp tư nhân hợp tác xã ' +
  'thị trường vốn tín dụng ngân hàng tài chính ngân sách thuế phí lệ phí đất đai tài nguyên ' +
  'khoáng sản nước rừng biển đảo bảo vệ phòng chống thiên tai dịch bệnh an sinh việc làm ' +
  'giảm nghèo thu nhập người lao động đời sống vật chất tinh thần trong giai đoạn tới tầm nhìn ' +
  'đến năm mục tiêu nhiệm vụ giải pháp đột phá chiến lược trọng tâm trọng điểm ưu tiên huy động ' +
  'mọi nguồn lực phát huy vai trò tăng cường phối hợp giữa các bộ ngành và của với cho theo để ' +
  'được đã sẽ đang cần phải tiếp tục thúc đẩy triển khai thực hiện đánh giá kết quả'
)
  .normalize('NFC')
  .split(' ');

/** Creates a small, fast, seeded pseudo-random generator returning [0, 1) (the tests' one). */
export const createRng = prng;

/** Picks an integer in [min, max] inclusive. */
function between(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Picks one syllable. */
function syllable(rng: () => number): string {
  return SYLLABLES[Math.floor(rng() * SYLLABLES.length)] ?? 'và';
}

/** Upper-cases the first character (NFC-safe for Vietnamese letters). */
function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Builds a sentence of exactly `words` words, with commas and a final full stop. */
function sentence(rng: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i += 1) {
    let word = syllable(rng);
    if (i === 0) word = capitalize(word);
    if (i > 2 && i < words - 2 && rng() < 0.08) word += ',';
    parts.push(word);
  }
  return `${parts.join(' ')}.`;
}

/** Builds a paragraph of exactly `words` words made of 8–20-word sentences. */
export function paragraphText(rng: () => number, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const size = Math.min(left, between(rng, 8, 20));
    sentences.push(sentence(rng, size));
    left -= size;
  }
  return sentences.join(' ').normalize('NFC');
}

/** Counts whitespace-separated words. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/**
 * Generates an outline of about `totalWords` words (paragraph words are exact; headings add a
 * few more): a level-1 heading every ~24 paragraphs, level 2 every ~8, level 3 every ~4, and
 * paragraphs of 60–140 words (mean ~100).
 */
export function generateOutline(totalWords: number, seed: number): Block[] {
  const rng = createRng(seed);
  const blocks: Block[] = [];
  let words = 0;
  let paragraphs = 0;
  let nextId = 0;
  const id = (): string => `b${seed.toString(36)}-${(nextId++).toString(36)}`;
  while (words < totalWords) {
    if (paragraphs % 4 === 0) {
      const level = paragraphs % 24 === 0 ? 1 : paragraphs % 8 === 0 ? 2 : 3;
      const title = capitalize(Array.from({ length: between(rng, 4, 10) }, () => syllable(rng)).join(' '));
      blocks.push({ type: 'heading', level, id: id(), text: title.normalize('NFC') });
      words += countWords(title);
    }
    const size = Math.min(totalWords - words, between(rng, 60, 140));
    if (size <= 0) break;
    blocks.push({ type: 'paragraph', id: id(), text: paragraphText(rng, size) });
    words += size;
    paragraphs += 1;
  }
  return blocks;
}
