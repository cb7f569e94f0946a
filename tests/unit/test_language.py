"""Language detection for posts that declare none: scripts first, then jusText's function words."""

import pytest
from article_ingest.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council said on Tuesday that the new bridge would open to traffic in the spring.", "en"),
        ("Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird.", "de"),
        ("Le conseil municipal a annoncé mardi que le nouveau pont ouvrira au printemps prochain.", "fr"),
        ("El ayuntamiento anunció el martes que el nuevo puente se abrirá en la primavera.", "es"),
        ("Il consiglio comunale ha detto martedì che il nuovo ponte sarà aperto in primavera.", "it"),
        ("De gemeenteraad heeft dinsdag besloten dat de nieuwe brug in het voorjaar opengaat.", "nl"),
        ("Rada miasta ogłosiła we wtorek, że nowy most zostanie otwarty na wiosnę tego roku.", "pl"),
        ("Городской совет во вторник сообщил, что новый мост откроют для движения весной.", "ru"),
        ("Міська рада у вівторок повідомила, що новий міст відкриють для руху навесні.", "uk"),
        ("市议会周二表示，这座新桥将于明年春天正式通车，届时将大大缓解市中心的交通压力。", "zh"),
        ("市議会は火曜日、新しい橋が来年の春に開通すると発表しました。交通の混雑が和らぐ見込みです。", "ja"),
        ("시의회는 화요일에 새 다리가 내년 봄에 개통될 것이라고 발표했습니다.", "ko"),
        ("Το δημοτικό συμβούλιο ανακοίνωσε την Τρίτη ότι η νέα γέφυρα θα ανοίξει την άνοιξη.", "el"),
    ],
)
def test_a_paragraph_of_prose_is_told_by_its_script_or_its_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_english_words_in_another_script_list_do_not_win_english_text() -> None:
    # jusText's Marathi and Nepali lists carry "the", "of" and "and" from Wikipedia
    text = "The report of the committee and the answers of the minister are published in the annex."
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "Home News Sport", "12:30 | 4,5 € | 2024-03-01 | 17 °C | 99 %"])
def test_too_little_text_to_tell_is_no_language(text: str) -> None:
    assert detect_language(text) is None
