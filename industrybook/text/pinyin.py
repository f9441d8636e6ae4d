"""Pinyin of the glossary's terms, from pypinyin rather than typed by hand, and the order it gives.

pypinyin reads Chinese characters; the terms also hold Arabic numerals and plus signs (1+4+N, 三类500强),
which are read the way the Chinese say them (一加四加N, 三类五百强) before pypinyin sees them. A few
characters have several readings and pypinyin's dictionary picks the wrong one for the book's terms;
:data:`READINGS` fixes those phrases, each with the reason.
"""
from __future__ import annotations

import re
import unicodedata

import cn2an
from pypinyin import Style, lazy_pinyin, load_phrases_dict

# phrase -> one reading per character, where pypinyin's default is wrong for the term's sense.
READINGS: dict[str, list[list[str]]] = {
    "连轧": [["lián"], ["zhá"]],          # 轧 zhá: rolling steel or copper (yà is to crush)
    "长株潭": [["cháng"], ["zhū"], ["tán"]],  # 长沙 Changsha, not 长 zhǎng (to grow)
    "锻长补短": [["duàn"], ["cháng"], ["bǔ"], ["duǎn"]],  # strengths (长处 cháng), against weaknesses
    "吃干榨尽": [["chī"], ["gān"], ["zhà"], ["jìn"]],  # 干 dry, 尽 used up
    "之都": [["zhī"], ["dū"]],            # 都 dū: capital (dōu is "all")
    "铅都": [["qiān"], ["dū"]],
    "铜杆": [["tóng"], ["gǎn"]],          # 杆 gǎn: rod
    "一调度": [["yī"], ["diào"], ["dù"]],  # citation tones: the book prints 一 as yī, without tone sandhi
    "一通报": [["yī"], ["tōng"], ["bào"]],
    "一月": [["yī"], ["yuè"]],
    # neutral tones of the standard dictionary (现代汉语词典), which pypinyin gives a full tone
    "粮食": [["liáng"], ["shi"]],
    "合同": [["hé"], ["tong"]],
    "知识": [["zhī"], ["shi"]],
    "知识产权": [["zhī"], ["shi"], ["chǎn"], ["quán"]],
}
load_phrases_dict(READINGS)

_ARABIC = re.compile(r"\d+(?![A-Za-z])")  # 5G keeps its digit: it is a name, not a number


def reading(term_zh: str) -> str:
    """The term as it is read aloud, numerals and plus signs in Chinese: ``'1+4+N'`` -> ``'一加四加N'``."""
    text = _ARABIC.sub(lambda m: cn2an.an2cn(m.group(0)), term_zh)
    return text.replace("+", "加")


def pinyin_of(term_zh: str) -> str:
    """The term's pinyin with tone marks, one syllable per character, separated by spaces; letters,
    digits kept as names (5G) and punctuation pass through."""
    syllables = lazy_pinyin(reading(term_zh), style=Style.TONE, tone_sandhi=False)
    return " ".join(s.strip() for s in syllables if s.strip())


def _letters(text: str) -> str:
    """Only letters and digits, lower case: what is left to compare once word spacing, hyphens,
    apostrophes and punctuation are set aside."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text).lower() if ch.isalnum())


def same_pinyin(printed: str, term_zh: str) -> bool:
    """Whether the book's pinyin of a term is pypinyin's, allowing the book's word spacing,
    capitals, hyphens and apostrophes (Cháng-Zhū-Tán, bèi'àn)."""
    return _letters(printed) == _letters(pinyin_of(term_zh))


def sort_key(term_zh: str) -> tuple[str, str, str]:
    """Alphabetical order by pinyin: letters without tones first, then tone numbers, then the
    characters (so homophones keep a fixed order). Capitals and tone marks do not change the order."""
    numbered = lazy_pinyin(reading(term_zh), style=Style.TONE3, tone_sandhi=False, neutral_tone_with_five=True)
    plain = "".join(_letters(re.sub(r"[1-5]$", "", s)) for s in numbered)
    tones = "".join(s[-1] if s and s[-1] in "12345" else "0" for s in numbered)
    return plain, tones, term_zh
