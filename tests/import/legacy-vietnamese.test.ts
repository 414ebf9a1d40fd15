import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLegacy, legacyEncodingOfFont, looksLikeTcvn3 } from '../../server/import/legacy-vietnamese.ts';

// Each pair: how a known phrase looks when its legacy bytes are shown as Latin-1, and the phrase.
const TCVN3_WORDS: Array<[string, string]> = [
  ['ChiÕn l\u00adîc', 'Chiến lược'],
  ['Bé Quèc phßng', 'Bộ Quốc phòng'],
  ['an ninh phi truyÒn thèng', 'an ninh phi truyền thống'],
  ['Thñ t\u00adíng ChÝnh phñ', 'Thủ tướng Chính phủ'],
  ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
  ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
];
const VNI_WORDS: Array<[string, string]> = [
  ['Chieán löôïc', 'Chiến lược'],
  ['Boä Quoác phoøng', 'Bộ Quốc phòng'],
  ['an ninh phi truyeàn thoáng', 'an ninh phi truyền thống'],
  ['Thuû töôùng Chính phuû', 'Thủ tướng Chính phủ'],
  ['COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
];

test('TCVN3 text converts to Unicode NFC; the .…H fonts give capitals', () => {
  for (const [legacy, unicode] of TCVN3_WORDS) assert.equal(decodeLegacy(legacy, 'tcvn3'), unicode.normalize('NFC'));
  assert.equal(decodeLegacy('Bé Quèc phßng', 'tcvn3-upper'), 'BỘ QUỐC PHÒNG');
});

test('VNI text converts to Unicode NFC', () => {
  for (const [legacy, unicode] of VNI_WORDS) assert.equal(decodeLegacy(legacy, 'vni'), unicode.normalize('NFC'));
});

test('fonts name their encoding; whole-document TCVN3 in a Unicode-named font is detected, Unicode Vietnamese is not', () => {
  assert.deepEqual(
    ['.VnTime', '.VnTimeH', '.VnArial', '.VnArialH', 'VNI-Times', 'Times New Roman', null].map(legacyEncodingOfFont),
    ['tcvn3', 'tcvn3-upper', 'tcvn3', 'tcvn3-upper', 'vni', null, null],
  );
  assert.equal(looksLikeTcvn3(TCVN3_WORDS.map(([legacy]) => legacy).join(' ')), true);
  assert.equal(looksLikeTcvn3(TCVN3_WORDS.map(([, unicode]) => unicode).join(' ')), false);
  assert.equal(looksLikeTcvn3('The strategy for national defence and the economy of the country.'), false);
});
