"""The commonest function words per language: prose is full of them, menus and button rows are not.

Data only (lines.py reads the share of a line's words found here). Lower case; a language is added by
adding a key. Kept short on purpose: the share is a shape feature, not a language model.
"""

from __future__ import annotations

STOP_WORDS: dict[str, str] = {
    "en": "the a an and or but of to in on at by for with from as is are was were be been has have had "
    "it its this that these those he she they we you i his her their our not no which who what when "
    "there than then so if will would can could said about into after over also more one all",
    "de": "der die das den dem des ein eine einen einem einer und oder aber von zu im in am an auf "
    "mit für bei aus ist sind war waren wird werden hat haben hatte es sie er wir ich nicht kein "
    "auch noch nur sich dass wie als wenn so nach über vor um bis durch man schon sehr mehr",
    "fr": "le la les un une des du de et ou mais à au aux en dans par pour sur avec sans est sont "
    "était ont a ce cette ces il elle ils nous vous je ne pas plus que qui qu se sa son ses leur "
    "comme si tout été être fait aussi entre après",
    "es": "el la los las un una unos de del y o pero a al en por para con sin es son era fue ha han "
    "se su sus lo le les que quien como más no ya muy este esta estos también entre sobre cuando "
    "hay ser todo desde hasta",
    "it": "il lo la i gli le un una uno di del della dei delle e o ma a al alla in nel nella con per "
    "su da è sono era ha hanno si non che chi come più anche questo questa quando tra fra dopo "
    "essere stato molto",
    "pt": "o a os as um uma uns de do da dos das e ou mas em no na nos nas por para com sem é são "
    "foi era tem têm se seu sua que quem como mais não já muito este esta também entre sobre "
    "quando ao aos pelo pela",
    "nl": "de het een en of maar van in op aan met voor door bij uit is zijn was waren wordt worden "
    "heeft hebben had hij zij ze wij we ik niet geen ook nog al dat die dit als naar over om tot "
    "er dan wel zo",
    "pl": "i w na z do że się nie to jest jak o od po za przez dla a ale lub czy jego jej ich ten ta "
    "te tym tego był była było są być może także już tylko przy oraz który która które co tak "
    "jednak",
    "sv": "och i att det som en på är av för med till den har de inte om ett men var sig så kan "
    "vid man efter också eller nu från",
    "da": "og i at det som en på er af for med til den har de ikke om et men var sig så kan ved "
    "man efter også eller nu fra",
}
