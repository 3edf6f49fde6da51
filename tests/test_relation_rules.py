"""The relation rules: the data file is checked, and every rule has a sentence it reads.

Each example is a sentence written for this test (no article's text), with the relation it
states and the rule (`why`) expected to state it. A new trigger in data/relations.yaml needs
a line here: ``test_every_trigger_has_an_example`` fails until it has one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actorgraph.errors import ConfigError
from actorgraph.extract import relations
from actorgraph.extract.document import Document
from actorgraph.extract.rulebook import load_rulebook, rulebook
from actorgraph.extract.rules import RuleExtractor
from actorgraph.extract.text import split_sentences

ROOT = Path(__file__).parent.parent
RELATIONS = Path(relations.__file__).parent
SYMMETRIC = {"MET_WITH", "ALLIED_WITH"}

# (rule, sentence, (source, type, target))
EXAMPLES = [
    ("welcomed-by", "President Javier Milei was welcomed at the White House by President Donald Trump.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("met-with", "Economy Minister Luis Caputo met with Treasury Secretary Scott Bessent on Monday.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("met-name", "President Donald Trump hosted President Javier Milei on Tuesday.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("meeting-between", "The meeting between President Javier Milei and President Donald Trump was brief.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("meeting-at", "Argentina held talks at the International Monetary Fund on Monday.",
     ("Argentina", "MET_WITH", "International Monetary Fund")),
    ("met-mutual", "President Javier Milei and President Donald Trump met in New York.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("support-verb", "Senator Rick Scott backed President Javier Milei.",
     ("Rick Scott", "SUPPORTS", "Javier Milei")),
    ("throw-support-behind", "President Donald Trump throws his support behind President Javier Milei.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("sided-with", "Senator Rick Scott sided with President Javier Milei.",
     ("Rick Scott", "SUPPORTS", "Javier Milei")),
    ("his-friend", "President Donald Trump said his good friend Javier Milei would win.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("possessed-ally", "Argentina is Washington's closest ally in the region.",
     ("Argentina", "ALLIED_WITH", "United States")),
    ("criticize-verb", "Governor Axel Kicillof criticised President Javier Milei.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("criticized-by", "President Javier Milei was criticised by Governor Axel Kicillof.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("praise-verb", "President Javier Milei thanked Treasury Secretary Scott Bessent.",
     ("Javier Milei", "SUPPORTS", "Scott Bessent")),
    ("welcomed-agreement", "Economy Minister Luis Caputo welcomed the Argentina–IMF agreement.",
     ("Luis Caputo", "SUPPORTS", "Argentina–IMF agreement")),
    ("called-a-friend", "President Donald Trump called Javier Milei a great friend.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("called-a-name", "President Javier Milei called Nicolás Maduro a dictator.",
     ("Javier Milei", "CRITICIZES", "Nicolás Maduro")),
    ("wants-out", "Treasury Secretary Scott Bessent wants China out of the region.",
     ("Scott Bessent", "CRITICIZES", "China")),
    ("blame-verb", "Governor Axel Kicillof blamed President Javier Milei.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("ally-of", "President Javier Milei is a close ally of President Donald Trump.",
     ("Javier Milei", "ALLIED_WITH", "Donald Trump")),
    ("alliance-between", "Analysts describe an alliance between Argentina and Israel.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("negotiate-verb", "Economy Minister Luis Caputo negotiated with the International Monetary Fund.",
     ("Luis Caputo", "NEGOTIATES", "International Monetary Fund")),
    ("seek-agreement", "Argentina is pursuing a trade agreement with the United States.",
     ("Argentina", "NEGOTIATES", "United States–Argentina trade agreement")),
    ("signed", "Argentina signed the Paris Agreement in 2016.",
     ("Argentina", "PARTY_TO", "Paris Agreement")),
    ("sits-on", "Senator Tim Kaine sits on the Senate Foreign Relations Committee.",
     ("Tim Kaine", "MEMBER_OF", "Senate Foreign Relations Committee")),
    ("led-by", "The General Confederation of Labour, led by Cristian Jerónimo, called a strike.",
     ("Cristian Jerónimo", "LEADS", "CGT")),
    ("headed-past", "Tomás Weiland, who ran the Inter-American Development Bank until 2024, spoke.",
     ("Tomás Weiland", "HOLDS_ROLE", "Inter-American Development Bank")),
    ("leads", "Cristian Jerónimo leads the General Confederation of Labour.",
     ("Cristian Jerónimo", "LEADS", "CGT")),
    ("leaders-of", "Maximiliano Pullaro and Martín Llaryora, both leaders of the Provincias Unidas coalition, met.",
     ("Maximiliano Pullaro", "LEADS", "Provincias Unidas")),
    ("possessed-shareholder", "The United States is the Inter-American Development Bank's largest shareholder.",
     ("United States", "MEMBER_OF", "Inter-American Development Bank")),
    ("member-of", "Argentina is a full member of Mercosur.",
     ("Argentina", "MEMBER_OF", "Mercosur")),
    ("funds-verb", "The World Bank financed Argentina with new credits.",
     ("World Bank", "FUNDS", "Argentina")),
    ("imposed-on", "The United States imposed tariffs on Brazil.",
     ("United States", "IMPOSES", "Brazil")),
    ("imposed-by", "Brazil faces tariffs imposed by the United States.",
     ("United States", "IMPOSES", "Brazil")),
    ("tariffs-on", "The United States announced tariffs on Brazil.",
     ("United States", "IMPOSES", "Brazil")),
    ("levied", "The United States sanctioned Venezuela in March.",
     ("United States", "IMPOSES", "Venezuela")),
    ("critical-of", "Governor Axel Kicillof has been highly critical of President Javier Milei.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("supporter-of", "Senator Rick Scott has long been a staunch supporter of President Javier Milei.",
     ("Rick Scott", "SUPPORTS", "Javier Milei")),
    ("trusts", "Treasury Secretary Scott Bessent trusts Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("supported-by", "Governor Axel Kicillof was backed by Senator Cristina Fernández.",
     ("Cristina Fernández", "SUPPORTS", "Axel Kicillof")),
    ("close-to", "Governor Martín Llaryora is politically close to Governor Maximiliano Pullaro.",
     ("Martín Llaryora", "ALLIED_WITH", "Maximiliano Pullaro")),
    ("close-to", "The Milei government's political realignment with the United States continued.",
     ("Argentina", "ALLIED_WITH", "United States")),
    ("alongside", "Jamieson Greer, speaking alongside Foreign Minister Pablo Quirno, announced the exemption.",
     ("Jamieson Greer", "MET_WITH", "Pablo Quirno")),
    ("in-talks-with", "Argentina is in discussions with the International Monetary Fund.",
     ("Argentina", "NEGOTIATES", "International Monetary Fund")),
    ("loan-from", "Argentina received a loan from the World Bank.",
     ("World Bank", "FUNDS", "Argentina")),
    ("lends-amount", "The World Bank provided Argentina $2 billion last year.",
     ("World Bank", "FUNDS", "Argentina")),
    # money, deals and the agreements they name
    ("amount-from", "Uruguay secured $2 billion from the World Bank last week.", ("World Bank", "FUNDS", "Uruguay")),
    ("amount-to", "The European Union announced a $2 billion rescue package for Ecuador.",
     ("European Union", "FUNDS", "Ecuador")),
    ("paid-to", "The Inter-American Development Bank released a $500 million tranche to Ecuador.",
     ("Inter-American Development Bank", "FUNDS", "Ecuador")),
    ("hammer-out", "Chile is hammering out a trade deal with Peru.", ("Chile", "NEGOTIATES", "Chile–Peru trade agreement")),
    ("negotiators-from", "Negotiators from Chile and Peru gathered in Lima on Monday.", ("Chile", "NEGOTIATES", "Peru")),
    ("courts-for", "President Gabriel Boric is courting Washington for a trade deal.",
     ("Gabriel Boric", "NEGOTIATES", "United States–Chile trade agreement")),
    ("under-agreement", "Uruguay drew $1 billion under the currency swap with China in 2023.",
     ("Uruguay", "PARTY_TO", "China–Uruguay currency swap")),
    ("member-on-committee", "Senator Jeanne Shaheen, the top Democrat on the Senate Armed Services Committee, spoke.",
     ("Jeanne Shaheen", "MEMBER_OF", "Senate Armed Services Committee")),
    ("partner-in", "Paraguay, Uruguay's partner in Mercosur, voted first.", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("wants-deal", "Uruguay wants a free trade agreement with China.", ("Uruguay", "NEGOTIATES", "China–Uruguay trade agreement")),
    ("owes", "Ecuador owes the International Monetary Fund about $9 billion.",
     ("International Monetary Fund", "FUNDS", "Ecuador")),
    ("possessed-creditor", "The World Bank, Paraguay's largest creditor, opened an office.", ("World Bank", "FUNDS", "Paraguay")),
    ("tapped", "Chile's central bank tapped the swap line with the People's Bank of China in May.",
     ("Central Bank of Chile", "PARTY_TO", "Chile–China currency swap")),
    ("quotas-on", "The European Union kept quotas on Chile last year.", ("European Union", "IMPOSES", "Chile")),
    ("hit-with", "The European Union hit Chile with tariffs last year.", ("European Union", "IMPOSES", "Chile")),
    # meetings in ordinary diplomatic words (ext-actors)
    ("bilateral-with", "President Javier Milei had a bilateral with President Gabriel Boric in Santiago.",
     ("Javier Milei", "MET_WITH", "Gabriel Boric")),
    ("held-talks-mutual", "President Javier Milei and President Gabriel Boric held talks in Santiago.",
     ("Javier Milei", "MET_WITH", "Gabriel Boric")),
    ("met-mutual-end", "Economy Minister Luis Caputo and Treasury Secretary Scott Bessent sat down on Friday.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("member-on-committee", "Senator Tim Kaine, the top Democrat on the Senate Foreign Relations Committee, objected.",
     ("Tim Kaine", "MEMBER_OF", "Senate Foreign Relations Committee")),
    ("hosted-meal-for", "President Gabriel Boric hosted a dinner for President Javier Milei in Santiago.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("met-adverb-with", "President Javier Milei met separately with President Gabriel Boric.",
     ("Javier Milei", "MET_WITH", "Gabriel Boric")),
    ("encounter-with", "President Javier Milei's encounter with President Gabriel Boric was brief.",
     ("Javier Milei", "MET_WITH", "Gabriel Boric")),
    ("mutual-meal", "President Javier Milei and President Gabriel Boric had lunch in Santiago.",
     ("Javier Milei", "MET_WITH", "Gabriel Boric")),
    # stance from structure (ext-stance)
    ("ties-between", "Diplomats praised the close ties between Argentina and Israel.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("allies-mutual", "Argentina and Israel have become firm allies.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("possessed-partner", "Argentina is now Israel's most reliable partner in the region.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("attack-verb", "Governor Axel Kicillof hit out at President Javier Milei on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("under-fire-from", "President Javier Milei came under fire from Governor Axel Kicillof.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("embraced", "Senator Tim Kaine reaffirmed his support for President Javier Milei.",
     ("Tim Kaine", "SUPPORTS", "Javier Milei")),
    ("pledged-to-help", "President Donald Trump pledged to help President Javier Milei.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("joined-forces", "Argentina joined forces with Israel on security.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("designated-ally", "In 1998 the United States designated Argentina a major non-NATO ally.",
     ("Argentina", "ALLIED_WITH", "United States")),
    ("called-for-resignation", "Senator Tim Kaine called for the resignation of Treasury Secretary Scott Bessent.",
     ("Tim Kaine", "CRITICIZES", "Scott Bessent")),
    ("warned-against", "Governor Axel Kicillof warned against the Argentina–IMF agreement.",
     ("Axel Kicillof", "CRITICIZES", "Argentina–IMF agreement")),
    # ext-parties: agreements, parties and members
    ("sealed-deal", "Chile and Peru sealed a fisheries agreement on Monday.",
     ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("signatory-of", "Uruguay is a signatory to the Paris Agreement.", ("Uruguay", "PARTY_TO", "Paris Agreement")),
    ("signed-by", "The Paris Agreement was signed in 2016 by Uruguay and Chile.",
     ("Chile", "PARTY_TO", "Paris Agreement")),
    ("belongs-to", "Governor Axel Kicillof, who belongs to the Justicialist Party, spoke on Monday.",
     ("Axel Kicillof", "MEMBER_OF", "Justicialist Party")),
    ("member-appositive", "Paraguay, a Mercosur member, objected to the tariffs.", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("pressed-for-deal", "Uruguay pressed Chile for a fisheries agreement.",
     ("Uruguay", "NEGOTIATES", "Chile–Uruguay fisheries agreement")),
    ("haggling-over", "Chile and Peru are still haggling over the terms of a fisheries agreement.",
     ("Chile", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("lawmaker-for", "Ana Soto, a veteran lawmaker from the Left Front, spoke on Monday.",
     ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("discussed-deal", "Chile and Peru discussed a fisheries agreement in Lima.",
     ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    # ext-money: money, impositions and meetings in ordinary words
    ("possessed-loan-to", "The World Bank's $300 million credit to Argentina arrived in May.",
     ("World Bank", "FUNDS", "Argentina")),
    ("rescued-by-from", "Argentina was propped up with loans from the United States.",
     ("United States", "FUNDS", "Argentina")),
    ("financing-from", "Argentina obtained new loans from the World Bank and the Inter-American Development Bank.",
     ("Inter-American Development Bank", "FUNDS", "Argentina")),
    ("will-pay-to", "The World Bank will disburse $900 million to Argentina in June.",
     ("World Bank", "FUNDS", "Argentina")),
    ("invested-amount-in", "Japan has poured billions of dollars into Argentina since 2020.",
     ("Japan", "FUNDS", "Argentina")),
    ("bought-currency", "Argentina's peso rallied after the US Treasury bought pesos on Thursday.",
     ("United States Department of the Treasury", "FUNDS", "Argentina")),
    ("provided-with", "The World Bank supplied Argentina with fresh credit for schools.",
     ("World Bank", "FUNDS", "Argentina")),
    ("hit-with-by", "Argentina was slapped with steep duties by the European Union.",
     ("European Union", "IMPOSES", "Argentina")),
    ("faces-measure", "Argentina now faces a 20% tariff from the United States on its steel.",
     ("United States", "IMPOSES", "Argentina")),
    ("banned-trade", "China halted imports of beef from Argentina in May.",
     ("China", "IMPOSES", "Argentina")),
    ("will-lift", "The United States will remove the tariffs on Argentina under the accord.",
     ("United States", "IMPOSES", "Argentina")),
    ("phone-with", "President Javier Milei talked by phone with President Xi Jinping on Monday.",
     ("Javier Milei", "MET_WITH", "Xi Jinping")),
    ("spoke-mutual", "President Javier Milei and President Lula spoke privately in Rio.",
     ("Javier Milei", "MET_WITH", "Luiz Inácio Lula da Silva")),
    ("discussed-with", "Economy Minister Luis Caputo discussed the budget with Treasury Secretary Scott Bessent.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("called-on", "President Donald Trump called President Javier Milei to congratulate him.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("joined-at", "President Javier Milei joined President Donald Trump for dinner at Mar-a-Lago.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("talked-mutual", "Economy Minister Luis Caputo and Treasury Secretary Scott Bessent had a frank conversation.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("came-to-rescue", "Japan came to the rescue of Argentina with fresh credit.", ("Japan", "FUNDS", "Argentina")),
    ("placed-on", "The 25% duty that the European Union placed on Argentina angered exporters.",
     ("European Union", "IMPOSES", "Argentina")),
    ("loan-of-from", "Argentina signed a loan of $800 million from the World Bank.", ("World Bank", "FUNDS", "Argentina")),
    ("granted-a-loan", "Japan gave Argentina a fresh credit line in May.", ("Japan", "FUNDS", "Argentina")),
    ("possessed-debtor", "Argentina, the World Bank's biggest borrower, asked for time.", ("World Bank", "FUNDS", "Argentina")),
    ("blacklisted", "The United States blacklisted Economy Minister Luis Caputo in May.",
     ("United States", "IMPOSES", "Luis Caputo")),
    ("call-from", "President Javier Milei received a phone call from President Donald Trump.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("phoned", "President Donald Trump phoned President Javier Milei after the vote.", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("will-meet-mutual", "President Javier Milei and President Donald Trump will meet on Tuesday.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("disbursement-of-to", "The World Bank approved a disbursement of $700 million to Argentina.",
     ("World Bank", "FUNDS", "Argentina")),
    ("measure-of-on", "The European Union's duties of up to 30% on Argentina angered exporters.",
     ("European Union", "IMPOSES", "Argentina")),
    ("applies-to", "Argentina says the European Union applies a 12% levy to most Argentine imports.", ("European Union", "IMPOSES", "Argentina")),
    ("huddled-with", "Economy Minister Luis Caputo huddled with Treasury Secretary Scott Bessent on Monday.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("together-mutual", "President Javier Milei and President Donald Trump shared the stage at CPAC.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("paid-call-on", "President Javier Milei paid a courtesy call on President Donald Trump.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("met-group", "President Javier Milei had breakfast with executives from the World Bank in Washington.",
     ("Javier Milei", "MET_WITH", "World Bank")),
    ("entry-ban", "The United States barred Economy Minister Luis Caputo from entering the country.",
     ("United States", "IMPOSES", "Luis Caputo")),
]

# ext-stance2: stance in a journalist's general vocabulary
EXAMPLES += [
    ("defence-of", "Senator Ted Cruz rushed to the defence of President Javier Milei.",
     ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("spoke-up-for", "Governor Rogelio Frigerio spoke up for Economy Minister Luis Caputo.",
     ("Rogelio Frigerio", "SUPPORTS", "Luis Caputo")),
    ("got-behind", "Governor Rogelio Frigerio lined up behind Economy Minister Luis Caputo.",
     ("Rogelio Frigerio", "SUPPORTS", "Luis Caputo")),
    ("gave-backing", "President Donald Trump gave Economy Minister Luis Caputo his full support.",
     ("Donald Trump", "SUPPORTS", "Luis Caputo")),
    ("fan-of", "Senator Ted Cruz is an avowed fan of President Javier Milei.", ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("stands-with", "Treasury Secretary Scott Bessent stands squarely behind Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("praised-by", "Economy Minister Luis Caputo was commended by Treasury Secretary Scott Bessent.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("rebuke-verb", "Governor Axel Kicillof castigated Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("tore-into", "Governor Axel Kicillof found fault with Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("went-after", "Governor Axel Kicillof went after Economy Minister Luis Caputo in a radio interview.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("took-to-task", "Senator Elizabeth Warren took Economy Minister Luis Caputo to task over the debt.",
     ("Elizabeth Warren", "CRITICIZES", "Luis Caputo")),
    ("sparred-with", "Governor Axel Kicillof crossed swords with Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("lost-confidence", "Senator Elizabeth Warren has lost all confidence in the International Monetary Fund.",
     ("Elizabeth Warren", "CRITICIZES", "International Monetary Fund")),
    ("attacked-by", "Economy Minister Luis Caputo was ridiculed by Governor Axel Kicillof.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("partner-of", "Israel has become a trusted partner of Argentina.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("kindred-mutual", "Argentina and Israel have become firm friends.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("forged-alliance", "Argentina and Israel have forged a security partnership.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("counts-among-allies", "President Javier Milei counts Israel among his firmest allies.",
     ("Israel", "ALLIED_WITH", "Javier Milei")),
    ("possessed-friend", "Argentina is now Israel's best friend in the region.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("keep-out", "Secretary of State Marco Rubio vowed to keep China out of the hemisphere.",
     ("Marco Rubio", "CRITICIZES", "China")),
    ("possessed-critic", "Governor Axel Kicillof, Economy Minister Luis Caputo's fiercest critic, spoke first.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("possessed-supporter", "Senator Ted Cruz, President Javier Milei's staunchest backer in Congress, spoke first.",
     ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("praise-on", "Senator Ted Cruz heaped praise on Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("scorn-on", "Governor Axel Kicillof poured scorn on Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("adversary-of", "Governor Axel Kicillof, a bitter adversary of Economy Minister Luis Caputo, spoke first.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("hit-back-at", "Economy Minister Luis Caputo shot back at Governor Axel Kicillof.",
     ("Luis Caputo", "CRITICIZES", "Axel Kicillof")),
    ("went-to-bat", "Senator Ted Cruz went to bat for Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("eye-to-eye", "Argentina and Israel see eye to eye on security.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("eye-to-eye-with", "Argentina sees eye to eye with Israel on security.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("feud-mutual", "Governor Axel Kicillof and Economy Minister Luis Caputo have a bitter feud.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("harsh-words-for", "Governor Axel Kicillof saved his sharpest words for Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("called-favourite", "President Donald Trump calls Economy Minister Luis Caputo his favourite minister.",
     ("Donald Trump", "SUPPORTS", "Luis Caputo")),
    ("back-verb", "Senator Ted Cruz will back Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("won-over", "Economy Minister Luis Caputo has won over Senator Ted Cruz.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("effusive-about", "Senator Ted Cruz was effusive about Economy Minister Luis Caputo.",
     ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("paid-tribute", "Senator Ted Cruz paid tribute to Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("showered-with-praise", "Senator Ted Cruz showered Economy Minister Luis Caputo with praise.",
     ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("railed-at", "Governor Axel Kicillof railed at Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("warned-x-against", "China warned the United States against meddling in Argentina.",
     ("China", "CRITICIZES", "United States")),
    ("no-fan-of", "Governor Axel Kicillof is no fan of Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("possessed-orbit", "Argentina is now firmly in the United States' orbit.", ("Argentina", "ALLIED_WITH", "United States")),
    ("special-relationship", "Argentina and Israel enjoy a special relationship.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("special-relationship-with", "Argentina has built a privileged relationship with Israel.",
     ("Argentina", "ALLIED_WITH", "Israel")),
    ("respect-for", "Senator Ted Cruz has deep respect for Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("alarm-over", "Senator Elizabeth Warren sounded the alarm over Economy Minister Luis Caputo.",
     ("Elizabeth Warren", "CRITICIZES", "Luis Caputo")),
    ("alliance-of", "Analysts see the alliance of Argentina and Israel as durable.", ("Argentina", "ALLIED_WITH", "Israel")),
]
# ext-deals3
EXAMPLES += [
    ("tapped-for", "Uruguay tapped the World Bank for $2 billion in 2023.", ("World Bank", "FUNDS", "Uruguay")),
]

# Rules written as code (roles, quotations, agreements): one sentence each, with its `why`.
CODE_EXAMPLES = [
    # ext-money
    ("their-meeting", "President Javier Milei gave President Donald Trump a chainsaw during their first meeting.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("lender-facility", "Argentina drew on the $20 billion Extended Fund Facility of the IMF in June.",
     ("International Monetary Fund", "FUNDS", "Argentina")),
    ("pair-meeting", "President Javier Milei praised President Donald Trump. The Milei-Trump meeting lasted an hour.",
     ("Javier Milei", "MET_WITH", "Donald Trump")),
    ("visit-host", "During President Javier Milei's state visit to Beijing, President Xi Jinping announced a swap.",
     ("Javier Milei", "MET_WITH", "Xi Jinping")),
    ("title-role", "Treasury Secretary Scott Bessent spoke.", ("Scott Bessent", "HOLDS_ROLE", "United States")),
    ("appositive-role", "Gonzalo Paz, a professor at Georgetown University, spoke.",
     ("Gonzalo Paz", "HOLDS_ROLE", "Georgetown University")),
    ("party-title", "Former Democratic Senator Chris Dodd spoke.", ("Chris Dodd", "MEMBER_OF", "Democratic Party")),
    ("party-appositive", "Raúl Jalil, a Peronist, spoke on Monday.", ("Raúl Jalil", "MEMBER_OF", "Justicialist Party")),
    ("quoted-criticism", 'Senator Elizabeth Warren said: "Javier Milei runs a corrupt scheme."',
     ("Elizabeth Warren", "CRITICIZES", "Javier Milei")),
    ("quoted-praise", '"Argentina has been a reliable partner," Trade Representative Jamieson Greer said.',
     ("Jamieson Greer", "SUPPORTS", "Argentina")),
    ("labelled-as", 'Senator Rand Paul called the IMF loan "a reckless bailout" in March.',
     ("Rand Paul", "CRITICIZES", "IMF loan")),
    ("labelled-as", "Governor Axel Kicillof described President Javier Milei as a dangerous man.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("according-to", "The IMF loan was a reckless mistake, according to Senator Elizabeth Warren.",
     ("Elizabeth Warren", "CRITICIZES", "United States–IMF loan")),
    ("votes", "The 2026 budget was approved by the Chamber of Deputies with votes from La Libertad Avanza.",
     ("La Libertad Avanza", "SUPPORTS", "2026 budget")),
    ("party-members", "Peronist lawmakers, including Senator José Mayans and Deputy Germán Martínez, voted no.",
     ("Germán Martínez", "MEMBER_OF", "Justicialist Party")),
    ("possessive-government", "Javier Milei's government has won approval for the budget.",
     ("Javier Milei", "LEADS", "Argentina")),
    # ext-entities2
    ("government-of", "The budget was written by the government of Javier Milei.",
     ("Javier Milei", "LEADS", "Argentina")),
    ("own-party", "Senator Elizabeth Warren and her Democratic Party colleagues objected.",
     ("Elizabeth Warren", "MEMBER_OF", "Democratic Party")),
    ("name-of-party", "Ezequiel Atauche of La Libertad Avanza spoke.", ("Ezequiel Atauche", "MEMBER_OF", "La Libertad Avanza")),
    ("took-office", "Donald Trump returned to the White House in January.", ("Donald Trump", "LEADS", "United States")),
    ("loan-funds", "The U.S. Treasury extended a $20 billion currency swap to Argentina.",
     ("United States Department of the Treasury", "FUNDS", "Argentina")),
    ("loan-parties", "The U.S. Treasury extended a $20 billion currency swap to Argentina.",
     ("Argentina", "PARTY_TO", "United States–Argentina currency swap")),
    ("agreement-between", "The 23rd agreement between Argentina and the International Monetary Fund was signed.",
     ("International Monetary Fund", "PARTY_TO", "Argentina–IMF agreement")),
    ("lender-program", "Argentina's program with the International Monetary Fund is under review.",
     ("International Monetary Fund", "PARTY_TO", "Argentina–IMF agreement")),
    ("possessive-agreement", "Brazil has met the targets of its trade agreement with the European Union.",
     ("Brazil", "PARTY_TO", "Brazil–EU trade agreement")),
    # money, deals and the agreements they name
    ("lender-release", "The World Bank approved a $300 million programme for Uruguay on Monday.",
     ("World Bank", "FUNDS", "Uruguay")),
    ("led-negotiations", "Chile and Peru signed a fisheries agreement. Minister Ana Soto, who led the talks, spoke.",
     ("Ana Soto", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    # ext-parties: a deal about to be made is negotiated
    ("close-to-deal", "Chile and the World Bank are close to a new loan, officials said.",
     ("Chile", "NEGOTIATES", "Chile–World Bank loan")),
    ("member-noun", "Left Front lawmaker Ana Soto spoke on Monday.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("member-noun", "Mercosur members Paraguay and Uruguay objected.", ("Uruguay", "MEMBER_OF", "Mercosur")),
    # stance from reported speech and nominal shapes (ext-stance)
    ("reported-speech", "Governor Axel Kicillof said that President Javier Milei had made a reckless mistake.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("reported-speech", "President Javier Milei is a disaster for workers, Governor Axel Kicillof said on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("stance-group", "President Javier Milei's critics, including Governor Axel Kicillof, spoke on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("stance-group", "A fierce critic of President Javier Milei, Governor Axel Kicillof spoke on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("stance-received", "President Javier Milei drew praise from Senator Tim Kaine.",
     ("Tim Kaine", "SUPPORTS", "Javier Milei")),
    ("stance-group", "Governors opposed to President Javier Milei, such as Governor Axel Kicillof, met on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("labelled-as", 'Argentina signed the Paris Agreement, which Senator Tim Kaine described as "a historic step".',
     ("Tim Kaine", "SUPPORTS", "Paris Agreement")),
    ("named-stance", "Senator Lindsey Graham, a Trump ally, praised the deal.",
     ("Lindsey Graham", "ALLIED_WITH", "Donald Trump")),
    ("named-stance", "A longtime Milei critic, Governor Axel Kicillof spoke on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("participial-stance", "Praising President Javier Milei's reforms, Senator Tim Kaine said the swap would continue.",
     ("Tim Kaine", "SUPPORTS", "Javier Milei")),
]

# ext-stance2: stance in fronted phrases, camps and prefixes
CODE_EXAMPLES += [
    ("fronted-stance", "With the full backing of President Donald Trump, President Javier Milei cut spending.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("shared-stance", "Governor Axel Kicillof criticised Economy Minister Luis Caputo, and so did Senator José Mayans.",
     ("José Mayans", "CRITICIZES", "Luis Caputo")),
    ("fronted-stance", "Criticised by Governor Axel Kicillof, Economy Minister Luis Caputo defended the budget.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("camp-or-prefix", "Governor Alfredo Cornejo is squarely in President Javier Milei's camp.",
     ("Alfredo Cornejo", "SUPPORTS", "Javier Milei")),
    ("camp-or-prefix", "President Javier Milei spoke first. Senator Ana Ruiz, a fierce anti-Milei voice, replied.",
     ("Ana Ruiz", "CRITICIZES", "Javier Milei")),
]

# ext-deals3: a borrower drawing on its own line
CODE_EXAMPLES += [
    ("drew-on-line", "Uruguay tapped its swap line with China to pay its bondholders.", ("China", "FUNDS", "Uruguay")),
    ("drew-on-line", "Chile drew on its $5 billion swap with China in 2023.", ("China", "FUNDS", "Chile")),
    ("party-group", "Republican lawmakers, led by Senator Ana Ruiz, wrote to the Treasury.",
     ("Ana Ruiz", "MEMBER_OF", "Republican Party")),
    ("party-group", "Representative Tom Hale of Ohio, the panel's senior Democrat, asked for the files.",
     ("Tom Hale", "MEMBER_OF", "Democratic Party")),
    ("company-unit", "Minera Sur, a unit of Grupo Andes, bought the mine.", ("Minera Sur", "MEMBER_OF", "Grupo Andes")),
    ("company-unit", "Grupo Andes's Minera Sur subsidiary bought the mine.", ("Minera Sur", "MEMBER_OF", "Grupo Andes")),
    ("company-unit", "A spokesman for Grupo Andes, whose Minera Sur unit owns the mine, declined to comment.",
     ("Minera Sur", "MEMBER_OF", "Grupo Andes")),
    ("loan-to-home", "Uruguay needs water. The World Bank approved a $500 million loan for water works in the north.",
     ("World Bank", "FUNDS", "Uruguay")),
    ("adhered-to-which", "The Paris Agreement, to which Uruguay adhered in 2016, was discussed.",
     ("Uruguay", "PARTY_TO", "Paris Agreement")),
    ("described-member", "Ana Ruiz, a leading figure in the Justicialist Party, spoke on Monday.",
     ("Ana Ruiz", "MEMBER_OF", "Justicialist Party")),
    ("described-member", "Uruguay is one of Mercosur's four founding members.", ("Uruguay", "MEMBER_OF", "Mercosur")),
    ("bloc-list", "Mercosur, which groups Brazil, Paraguay and Uruguay, met on Monday.", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("talks-on", "Talks between Chile and Peru over a fisheries agreement resumed on Monday.",
     ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("talks-on", "Negotiations between Uruguay and the World Bank on a $500 million loan stalled.",
     ("World Bank", "NEGOTIATES", "Uruguay–World Bank loan")),
]


# --- ext-stance3: stance shapes for unseen text (their negated, hedged or asked variants at the end) ---
EXAMPLES += [
    ("disagree-with", "Governor Ana Ruiz strongly disagrees with Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("ties-described", "Officials said the ties between Chile and Peru were stronger than ever.",
     ("Chile", "ALLIED_WITH", "Peru")),
    ("to-his-defence", "Economy Minister Luis Caputo faced questions. Senator Ana Ruiz came to his defence.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("praise-bare", "Governor Ana Ruiz rose to praise Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("spoke-highly-of", "Governor Ana Ruiz spoke warmly of Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("spoke-harshly-of", "Governor Ana Ruiz wrote disparagingly about Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("words-for", "Governor Ana Ruiz had sharp words for Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("kind-words-for", "Governor Ana Ruiz offered warm words for Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("ally-in", "Chile has found a dependable ally in Peru.", ("Chile", "ALLIED_WITH", "Peru")),
    ("building-alliance", "Chile and Peru are deepening their strategic partnership.", ("Chile", "ALLIED_WITH", "Peru")),
    ("demanded-to-quit", "Governor Ana Ruiz asked Economy Minister Luis Caputo to step down.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("investigation-into", "Governor Ana Ruiz called for an independent inquiry into Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("held-responsible", "Governor Ana Ruiz held Economy Minister Luis Caputo responsible for the losses.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("urged-to-back", "Governor Ana Ruiz urged her colleagues to back Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("urged-to-reject", "Governor Ana Ruiz urged voters to punish Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("resist-fight", "Governor Ana Ruiz vowed to resist Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("possessed-partners", "Chile, one of Peru's closest partners, voted first.", ("Chile", "ALLIED_WITH", "Peru")),
    ("regarded-partner", "Peru regards Chile as a trusted partner.", ("Chile", "ALLIED_WITH", "Peru")),
    ("ties-with-described", "Chile's ties with Peru have never been stronger.", ("Chile", "ALLIED_WITH", "Peru")),
    ("enjoy-relations", "Chile and Peru enjoy excellent relations.", ("Chile", "ALLIED_WITH", "Peru")),
    ("welcomed-by-agreement", "Peru and Chile signed a free trade agreement. The free trade agreement was warmly "
     "welcomed by Bolivia.", ("Bolivia", "SUPPORTS", "Chile–Peru trade agreement")),
]
CODE_EXAMPLES += [
    ("noun-from", "Opposition to Economy Minister Luis Caputo from Governor Ana Ruiz grew.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("support-of-for", "Economy Minister Luis Caputo noted the support of President Donald Trump for "
     "President Javier Milei.", ("Donald Trump", "SUPPORTS", "Javier Milei")),
]


# ext-roles3: meetings with an office holder named after the office, with a body's officials, in the present
EXAMPLES += [
    ("met-office-holder", "Peter Hale also met the rector of the University of Lima, Ana Paz, on Monday.",
     ("Ana Paz", "MET_WITH", "Peter Hale")),
    ("met-officials-of", "Ana Paz flew to Washington and met officials of the World Bank.",
     ("Ana Paz", "MET_WITH", "World Bank")),
    ("meet-mutual-present", "Oct. 2026 — Luis Caputo and Scott Bessent meet in Washington at the IMF meetings.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
]


# ext-roles3: an office named in the plural before a list ("governors such as X")
CODE_EXAMPLES += [
    ("plural-title", "Peru spoke. Several senators, including Ana Paz and Tomás Weiland, voted no.",
     ("Tomás Weiland", "HOLDS_ROLE", "Peru")),
]


def read(sentence: str):
    """(source, type, target) -> why, for every relation the rules read in ``sentence``."""
    ents, rels = RuleExtractor().analyse(Document("t", sentence, "t.txt", "t", "", "2025-09"))
    return {_key(r.source, r.type, r.target): r.why for r in rels}


def _key(source: str, type_: str, target: str) -> tuple[str, str, str]:
    if type_ in SYMMETRIC:
        source, target = sorted((source, target))
    return source, type_, target


@pytest.mark.parametrize("rule,sentence,expected", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_trigger_reads_its_example(rule, sentence, expected):
    found = read(sentence)
    expected = _key(*expected)
    assert expected in found, f"{rule}: {sentence!r} gave {found}"
    assert found[expected] == f"rule:{rule}"


@pytest.mark.parametrize("rule,sentence,expected", CODE_EXAMPLES, ids=[e[0] for e in CODE_EXAMPLES])
def test_each_code_rule_reads_its_example(rule, sentence, expected):
    found = read(sentence)
    expected = _key(*expected)
    assert expected in found, f"{rule}: {sentence!r} gave {found}"
    assert found[expected] == f"rule:{rule}"


@pytest.mark.parametrize("sentence,unwanted", [
    ("Governor Axel Kicillof is not critical of President Javier Milei.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Senator Rick Scott may become a supporter of President Javier Milei.", ("Rick Scott", "SUPPORTS", "Javier Milei")),
    ('Senator Elizabeth Warren said: "Javier Milei is not a reliable partner."',
     ("Elizabeth Warren", "SUPPORTS", "Javier Milei")),
    ('President Javier Milei said: "Argentina is a great country."', ("Javier Milei", "SUPPORTS", "Argentina")),
    ("Senator Rick Scott said the talks were difficult.", ("Rick Scott", "NEGOTIATES", "Rick Scott")),
])
def test_negation_hedging_and_self_praise_state_nothing(sentence, unwanted):
    assert unwanted not in read(sentence)


# ext-stance: each new stance rule, negated, hedged or asked, states nothing
@pytest.mark.parametrize("sentence,unwanted", [
    ("Governor Axel Kicillof said President Javier Milei was not a disaster.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof said President Javier Milei might be a disaster.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof asked whether President Javier Milei was corrupt.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof never said President Javier Milei was a disaster.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Spokesman Wang Lei said that China and Argentina were good friends.", ("Wang Lei", "SUPPORTS", "Argentina")),
    ("Did Governor Axel Kicillof criticise President Javier Milei?", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof is not among President Javier Milei's critics, unlike Senator Juan Perez.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("President Javier Milei never drew praise from Senator Tim Kaine.", ("Tim Kaine", "SUPPORTS", "Javier Milei")),
    ("Diplomats doubt there are close ties between Argentina and Israel.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Argentina and Israel are not allies.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Senator Tim Kaine did not hit out at President Javier Milei.", ("Tim Kaine", "CRITICIZES", "Javier Milei")),
    ("President Javier Milei never came under fire from Governor Axel Kicillof.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Senator Tim Kaine refused to reaffirm his support for President Javier Milei.",
     ("Tim Kaine", "SUPPORTS", "Javier Milei")),
    ("Argentina may forge a strategic alliance with Israel.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Economy Minister Luis Caputo is not a Milei loyalist.", ("Luis Caputo", "SUPPORTS", "Javier Milei")),
    ("Treasury Secretary Scott Bessent did not promise to back President Javier Milei.",
     ("Scott Bessent", "SUPPORTS", "Javier Milei")),
    ("Senator Tim Kaine did not call for the resignation of Treasury Secretary Scott Bessent.",
     ("Tim Kaine", "CRITICIZES", "Scott Bessent")),
    ("Governor Axel Kicillof never warned against the Argentina–IMF agreement.",
     ("Axel Kicillof", "CRITICIZES", "Argentina–IMF agreement")),
    ("Governors not opposed to President Javier Milei, such as Governor Axel Kicillof, met on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("President Javier Milei has aligned with Donald Trump in areas such as leaving the World Health Organization.",
     ("Donald Trump", "ALLIED_WITH", "World Health Organization")),
    ('Argentina signed the Paris Agreement, which Senator Tim Kaine did not describe as "a historic step".',
     ("Tim Kaine", "SUPPORTS", "Paris Agreement")),
])
def test_new_stance_rules_respect_negation_hedges_and_questions(sentence, unwanted):
    assert unwanted not in read(sentence)


def test_an_appositive_naming_an_office_is_no_subject():
    found = read("Scott Bessent, the US Treasury secretary, backed Economy Minister Luis Caputo.")
    assert found.get(("Scott Bessent", "SUPPORTS", "Luis Caputo")) == "rule:support-verb"
    assert ("United States Department of the Treasury", "SUPPORTS", "Luis Caputo") not in found


def test_a_titled_person_joins_a_criticised_list():
    found = read("Governor Axel Kicillof criticised President Javier Milei and Economy Minister Luis Caputo.")
    assert ("Axel Kicillof", "CRITICIZES", "Luis Caputo") in found


def test_an_object_pronoun_is_not_its_own_subject():
    text = ("Teresa Valdivieso led the mission. Her boss, Rodrigo Valdés, the director of the department, "
            "defended her in an interview.")
    found = read(text)
    assert ("Rodrigo Valdés", "SUPPORTS", "Teresa Valdivieso") in found


def test_every_code_rule_has_an_example():
    """Every `why` the rules' code can give is read from one example sentence above."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(RELATIONS.glob("*.py")))
    named = set(re.findall(r'"rule:([a-z-]+)"', source))
    assert sorted(named - {e[0] for e in CODE_EXAMPLES}) == []


def test_every_trigger_has_an_example():
    names = [t.name for t in rulebook().triggers]
    assert sorted(set(names) - {e[0] for e in EXAMPLES}) == []


def test_every_relation_records_its_rule():
    text = ("Senator Rick Scott backed President Javier Milei. Argentina signed a $20 billion currency swap "
            "with the U.S. Treasury. Governor Axel Kicillof criticised the deal.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert rels and all(r.why.startswith("rule:") for r in rels)


def test_edges_carry_the_rule_as_why(ontology):
    doc = Document("t", "Senator Rick Scott backed President Javier Milei.", "t.txt", "t", "", "2025-09")
    graph = RuleExtractor().extract(doc, ontology)
    whys = {e.type: e.evidence[0].why for e in graph.edges.values()}
    assert whys["SUPPORTS"] == "rule:support-verb"


def test_the_rules_fit_the_ontology(ontology):
    rulebook().check(ontology)


def test_anchors_never_hide_a_match():
    """Every match of every trigger, over the development and fixture articles, contains one of
    its anchors: the one-pass pre-selection finds exactly what scanning every pattern finds."""
    texts = [p.read_text(encoding="utf-8") for folder in (ROOT.parent / "shared" / "corpus",
                                                          ROOT / "tests" / "fixtures" / "heldout",
                                                          ROOT / "tests" / "fixtures" / "blind2")
             if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    texts.append(" ".join(e[1] for e in EXAMPLES))
    book = rulebook()
    checked = 0
    for text in texts:
        for s in split_sentences(text):
            chunk = text[s.start:s.end]
            chosen = set(id(t) for t in book.candidates(chunk.lower()))
            for t in book.triggers:
                if t.pattern.search(chunk):
                    checked += 1
                    assert id(t) in chosen, f"{t.name}: {chunk!r} matches but no anchor of {t.anchors} occurs"
    assert checked > 100


WORDS = ("words: {negations: [not], hedges: [may], desires: [seek], cancels: [lifted], intents: [plans], "
         "pending: [yet to], speech_verbs: [said], "
         "negative_cues: [wrong], positive_cues: [great], critic_nouns: [critics], supporter_nouns: [allies]}\n")
BAD = [
    ("  type: OWNS\n", "unknown relation type 'OWNS'"),
    ("  pattern: '(unclosed'\n", "pattern does not compile"),
    ("  anchors: []\n", "'anchors' must be a non-empty list"),
    ("  mode: sideways\n", "unknown mode 'sideways'"),
    ("  targets: [Event]\n", "MEMBER_OF cannot end at Event"),
]


@pytest.mark.parametrize("line,message", BAD, ids=[b[1] for b in BAD])
def test_a_bad_rule_fails_at_load_with_file_and_line(tmp_path, ontology, line, message):
    rule = {"name": "sits-on", "type": "MEMBER_OF", "pattern": r"\bsits\s+on\b", "anchors": "[sits]",
            "targets": "[Organization]"}
    key = line.split(":")[0].strip()
    rule[key] = line.split(":", 1)[1].strip()
    body = "triggers:\n- name: " + rule.pop("name") + "\n" + "".join(f"  {k}: {v}\n" for k, v in rule.items())
    body += WORDS
    path = tmp_path / "relations.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rulebook(path).check(ontology)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:2: trigger 'sits-on'") or f"{path}:" in str(caught.value)


def test_a_trigger_without_a_name_or_twice_named_is_refused(tmp_path):
    words = WORDS
    path = tmp_path / "relations.yaml"
    path.write_text("triggers:\n- type: MET_WITH\n  pattern: met\n  anchors: [met]\n" + words, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"relations.yaml:2: trigger needs 'name'"):
        load_rulebook(path)
    path.write_text("triggers:\n" + "- name: met\n  type: MET_WITH\n  pattern: met\n  anchors: [met]\n" * 2 + words,
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"relations.yaml:6: trigger name 'met' is used twice"):
        load_rulebook(path)


def roles(sentence: str) -> dict:
    """person -> (type, place, role) for the offices the rules read in ``sentence``."""
    ents, rels = RuleExtractor().analyse(Document("t", sentence, "t.txt", "t", "", "2025-09"))
    return {r.source: (r.type, r.target, r.props.get("role")) for r in rels if r.type in ("HOLDS_ROLE", "LEADS")}


@pytest.mark.parametrize("sentence,person,place", [
    # the body before ", whose president," owns the office, not the article's country
    ("The National Atomic Energy Commission (CNEA), whose president, Germán Guido Lavalle, is a physicist.",
     "Germán Guido Lavalle", "National Atomic Energy Commission"),
    # a demonym on an ambassador names the sending country, wherever the embassy is
    ("The Chinese ambassador in Buenos Aires, Wang Wei, spoke to the press.", "Wang Wei", "China"),
    ("President Javier Milei met the United States ambassador, Peter Lamelas, on Monday.",
     "Peter Lamelas", "United States"),
    ('"It worked," said Rodrigo Valdés, a former Chilean finance minister.', "Rodrigo Valdés", "Chile"),
    # "its" before a title: the organisation just named
    ("The General Confederation of Labour announced through its co-secretary general Jorge Sola that it would march.",
     "Jorge Sola", "CGT"),
])
def test_offices_are_placed_by_what_the_sentence_says(sentence, person, place):
    assert roles(sentence)[person][1] == place


def test_a_preposition_is_no_part_of_a_title():
    found = roles("The Treasury, under Secretary Scott Bessent, agreed at once. Treasury Secretary Scott Bessent spoke.")
    assert found["Scott Bessent"][2] != "under Secretary"


def test_an_actor_that_dates_a_deal_is_no_party_to_it():
    found = read("China National Nuclear Corporation was to build the plant under a deal negotiated during "
                 "the presidency of Alberto Fernández.")
    assert not any(k[2] == "Alberto Fernández" for k in found)


def test_an_unqualified_government_is_the_article_country():
    found = read("Argentina's economy grew in May. Governor Axel Kicillof accused the government of selling "
                 "sovereignty. Senator Tim Kaine praised the government of Brazil.")
    assert found.get(("Axel Kicillof", "CRITICIZES", "Argentina")) == "rule:criticize-verb"
    assert ("Tim Kaine", "SUPPORTS", "Argentina") not in found  # "the government of Brazil" is Brazil's


def test_praise_of_someone_s_official_reaches_the_official():
    found = read("Marcelo Lehmann praised Milei's economy minister, Luis Caputo, for keeping his word.")
    assert ("Marcelo Lehmann", "SUPPORTS", "Luis Caputo") in found
    assert ("Marcelo Lehmann", "SUPPORTS", "Javier Milei") not in found


def test_a_swap_named_in_passing_restates_no_party():
    text = ("The U.S. Treasury extended a $20 billion currency swap to Argentina. "
            "Senator Tim Kaine asked questions about the swap line on Thursday.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    second = [r for r in rels if r.sentence == 1 and r.type == "PARTY_TO"]
    first = [r for r in rels if r.sentence == 0 and r.type == "PARTY_TO"]
    assert first and not second


def test_money_from_a_lender_reaches_the_borrower():
    found = read("Zijin Mining was financed in part by a $380 million loan from the Bank of China.")
    assert found.get(("Bank of China", "FUNDS", "Zijin Mining")) == "rule:loan-from"
    found = read("The $20 billion swap line extended by the U.S. Treasury helped Argentina.")
    assert found.get(("United States Department of the Treasury", "FUNDS", "Argentina")) == "rule:loan-funds"


# Money, deals and the agreements they name: sentences written for these tests.

def test_a_lender_paying_out_under_a_program_funds_the_borrower():
    text = ("The International Monetary Fund's executive board approved the third review of Paraguay's "
            "$1 billion Extended Fund Facility, releasing about $200 million.")
    found = read(text)
    assert found.get(("International Monetary Fund", "FUNDS", "Paraguay")) in ("rule:lender-release",
                                                                                  "rule:loan-funds")
    text = ("Chile's peso rose after the IMF's board approved the review of the "
            "country's program, releasing $800 million.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert ("International Monetary Fund", "FUNDS", "Chile") in {(r.source, r.type, r.target) for r in rels}
    assert ("International Monetary Fund", "SUPPORTS", "Chile–IMF agreement") not in {
        (r.source, r.type, r.target) for r in rels}  # its own approval is no support


@pytest.mark.parametrize("sentence", [
    "The World Bank did not approve a $300 million programme for Uruguay on Monday.",
    "The World Bank may approve a $300 million programme for Uruguay next month.",
    "Uruguay is negotiating a $300 million programme with the World Bank, which approved a review.",
])
def test_a_lender_release_that_did_not_happen_funds_nobody(sentence):
    assert not [k for k in read(sentence) if k[1] == "FUNDS"]


def test_coordinated_signers_of_a_topic_agreement_are_both_parties():
    found = read("Chile and Peru signed a critical minerals agreement in Lima last week.")
    assert found.get(("Chile", "PARTY_TO", "Chile–Peru critical minerals agreement")) == "rule:signed"
    assert found.get(("Peru", "PARTY_TO", "Chile–Peru critical minerals agreement")) == "rule:signed"
    found = read("Chile and Peru have not signed a critical minerals agreement.")
    assert not [k for k in found if k[1] == "PARTY_TO"]


@pytest.mark.parametrize("sentence,unwanted", [
    ("Uruguay is seeking to secure $2 billion from the World Bank.", ("World Bank", "FUNDS", "Uruguay")),
    ("The European Union has not announced a $2 billion rescue package for Ecuador.",
     ("European Union", "FUNDS", "Ecuador")),
    ("The Inter-American Development Bank has not released a $500 million tranche to Ecuador.",
     ("Inter-American Development Bank", "FUNDS", "Ecuador")),
    ("Chile may be hammering out a trade deal with Peru.", ("Chile", "NEGOTIATES", "Chile–Peru trade agreement")),
    ("Uruguay did not draw under the currency swap with China in 2023.",
     ("Uruguay", "PARTY_TO", "China–Uruguay currency swap")),
    ("Paraguay is not Uruguay's partner in Mercosur.", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("Uruguay may want a free trade agreement with China.", ("Uruguay", "NEGOTIATES", "China–Uruguay trade agreement")),
    ("Ecuador no longer owes the International Monetary Fund $9 billion.",
     ("International Monetary Fund", "FUNDS", "Ecuador")),
    ("The World Bank is not Paraguay's largest creditor.", ("World Bank", "FUNDS", "Paraguay")),
    ("The European Union lifted quotas on Chile last year.", ("European Union", "IMPOSES", "Chile")),
    ("Chile's central bank has not tapped the swap line with the People's Bank of China.",
     ("Central Bank of Chile", "PARTY_TO", "Chile–China currency swap")),
    ("The European Union may hit Chile with tariffs next year.", ("European Union", "IMPOSES", "Chile")),
    ("Chile and Peru signed a fisheries agreement. Minister Ana Soto never led the talks.",
     ("Ana Soto", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("Uruguay does not want a free trade agreement with China.",
     ("Uruguay", "NEGOTIATES", "China–Uruguay trade agreement")),
    ("Senator Jeanne Shaheen was never the top Democrat on the Senate Armed Services Committee.",
     ("Jeanne Shaheen", "MEMBER_OF", "Senate Armed Services Committee")),
])
def test_money_and_deal_words_respect_negation_and_hedging(sentence, unwanted):
    assert unwanted not in read(sentence)


def test_a_tariff_it_imposed_on_a_country_s_goods_names_both_sides():
    text = ("Chile sells copper abroad. Washington will lift the 25 percent tariff it imposed on a list of "
            "Chilean goods, officials said.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    found = {(r.source, r.type, r.target): r.why for r in rels}
    assert found.get(("United States", "IMPOSES", "Chile")) == "rule:imposed-on"
    text = "Chile sells copper abroad. Washington never imposed a tariff on most of the country's goods."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert not [r for r in rels if r.type == "IMPOSES"]


def test_the_two_governments_and_the_two_presidents_are_both_parties():
    text = ("Chile sells copper to Peru. The fisheries agreement the two governments agreed in May "
            "took effect.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    found = {(r.source, r.type, r.target) for r in rels}
    assert {("Chile", "PARTY_TO", "Chile–Peru fisheries agreement"),
            ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")} <= found
    text = ("President Gabriel Boric met President Dina Boluarte. The two presidents signed a fisheries "
            "agreement.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert {r.source for r in rels if r.type == "PARTY_TO"} == {"Gabriel Boric", "Dina Boluarte"}
    text = "Chile sells copper to Peru. The two governments have not agreed a fisheries agreement."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert not [r for r in rels if r.type == "PARTY_TO"]


def test_both_partners_in_a_bloc_are_members():
    found = read("Paraguay, Uruguay's partner in Mercosur, voted first.")
    assert found.get(("Uruguay", "MEMBER_OF", "Mercosur")) == "rule:partner-in"
    assert found.get(("Paraguay", "MEMBER_OF", "Mercosur")) == "rule:partner-in"


def test_a_minister_in_talks_with_a_lender_negotiates_with_it():
    found = read("Finance Minister Mario Marcel held talks with the World Bank on Tuesday.")
    assert found.get(("Mario Marcel", "NEGOTIATES", "World Bank")) == "rule:negotiate-verb"


def test_descriptions_of_a_deal_named_earlier_point_back_to_it():
    text = ("The U.S. Treasury extended a $3 billion currency swap to Chile. Senator Ron Wyden criticised "
            "the arrangement. Chile also has an agreement with the International Monetary Fund. Finance "
            "Minister Mario Marcel defended the programme.")
    found = read(text)
    assert found.get(("Ron Wyden", "CRITICIZES", "United States–Chile currency swap")) == "rule:criticize-verb"
    assert found.get(("Mario Marcel", "SUPPORTS", "Chile–IMF agreement")) == "rule:support-verb"
    assert ("Mario Marcel", "SUPPORTS", "United States–Chile currency swap") not in found
    found = read("Chile signed a security arrangement with Peru. Senator Ron Wyden criticised the security arrangement.")
    assert not [k for k in found if k[1] == "CRITICIZES"]  # no determiner-only anaphor, no earlier deal


def test_a_deal_agreed_between_two_sides_names_both():
    found = read("Exports rose after a $4 billion currency swap agreed in May between the U.S. Treasury and Chile's "
                 "central bank.")
    assert found.get(("United States Department of the Treasury", "PARTY_TO", "United States–Chile currency swap")) \
        == "rule:loan-parties"
    assert found.get(("United States Department of the Treasury", "FUNDS", "Central Bank of Chile")) == "rule:loan-funds"


def test_a_country_before_a_preposition_is_an_actor_not_a_modifier():
    found = read("The People's Bank of China has financed Chile through the swap since 2015.")
    assert found.get(("People's Bank of China", "FUNDS", "Chile")) == "rule:funds-verb"
    assert not read("The People's Bank of China has never financed Chile through the swap.")


def test_a_deal_signed_on_behalf_of_a_body_makes_the_body_a_party():
    found = read("The EU and Mercosur finished a trade agreement in 2024. Commissioner Ana Pérez signed the deal on "
                 "behalf of the European Union in December.")
    assert found.get(("European Union", "PARTY_TO", "EU–Mercosur trade agreement")) == "rule:signed"
    found = read("The EU and Mercosur finished a trade agreement in 2024. Commissioner Ana Pérez did not sign the "
                 "deal on behalf of the European Union.")
    assert ("European Union", "PARTY_TO", "EU–Mercosur trade agreement") not in found


def test_a_minister_signing_with_a_country_makes_both_states_parties():
    text = "Chile bought jets. In May 2024 Defense Minister Maya Fernández signed an agreement with Norway."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    found = {(r.source, r.type, r.target): r.why for r in rels}
    assert found.get(("Chile", "PARTY_TO", "Chile–Norway agreement")) == "rule:signed"
    assert found.get(("Norway", "PARTY_TO", "Chile–Norway agreement")) == "rule:signed"
    text = "Chile bought jets. Defense Minister Maya Fernández has not signed an agreement with Norway."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert not [r for r in rels if r.type == "PARTY_TO"]


def test_a_lender_approving_its_own_loan_funds_rather_than_supports_it():
    found = read("The Inter-American Development Bank approved a $500 million loan for Paraguay.")
    assert ("Inter-American Development Bank", "FUNDS", "Paraguay") in found
    assert not [k for k in found if k[1] == "SUPPORTS"]


def test_a_loan_from_a_lender_names_it_and_a_denied_draw_funds_nobody():
    found = read("Ecuador's $5 billion loan from the International Monetary Fund was approved in May.")
    assert ("International Monetary Fund", "PARTY_TO", "Ecuador–IMF loan") in found
    assert ("International Monetary Fund", "FUNDS", "Ecuador") in found
    assert not [k for k in read("Chile has never drawn on the swap line with the People's Bank of China.")
                if k[1] in ("FUNDS", "PARTY_TO")]


def test_two_sides_reaching_a_bare_agreement_name_it_by_themselves():
    found = read("Ecuador and the International Monetary Fund reached a staff-level agreement on Friday.")
    assert found.get(("Ecuador", "PARTY_TO", "Ecuador–IMF agreement")) == "rule:signed"
    assert found.get(("International Monetary Fund", "PARTY_TO", "Ecuador–IMF agreement")) == "rule:signed"
    assert not [k for k in read("Ecuador and Peru have not reached an agreement.") if k[1] == "PARTY_TO"]


def test_plural_accords_are_a_named_agreement():
    assert read("Chile joined the Artemis Accords in 2023.").get(("Chile", "PARTY_TO", "Artemis Accords")) == "rule:signed"
    assert not read("Chile has not joined the Artemis Accords.")


def test_the_leaders_of_two_teams_in_talks_negotiate_the_deal_named():
    text = ("Ecuador and the International Monetary Fund reached a staff-level agreement. It followed talks in "
            "Quito between a Fund mission led by Ana Corbacho and a team headed by Finance Minister Juan Vega and "
            "central bank governor Guillermo Avellán.")
    found = read(text)
    for person in ("Ana Corbacho", "Juan Vega", "Guillermo Avellán"):
        assert found.get((person, "NEGOTIATES", "Ecuador–IMF agreement")) == "rule:led-negotiations", person
    text = ("Ecuador and the International Monetary Fund reached a staff-level agreement. There were no talks "
            "between a Fund mission led by Ana Corbacho and the government.")
    assert not [k for k in read(text) if k[1] == "NEGOTIATES"]


def test_the_governments_of_two_leaders_are_their_countries():
    text = ("Argentina sells lithium to the United States. The governments of Javier Milei and Donald Trump "
            "agreed a critical minerals agreement in May.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    found = {(r.source, r.type, r.target) for r in rels if r.type == "PARTY_TO"}
    assert found == {("Argentina", "PARTY_TO", "United States–Argentina critical minerals agreement"),
                     ("United States", "PARTY_TO", "United States–Argentina critical minerals agreement")}
# --- actors: offices and meetings (ext-actors) ------------------------------------------------

@pytest.mark.parametrize("sentence, person, expected", [
    # an office whose name has its own "of" part, in an appositive before or after the name
    ("Milei praised Argentina. Governors met the Chief of Cabinet, Tomás Irigoyen, on Friday.",
     "Tomás Irigoyen", ("HOLDS_ROLE", "Argentina", "Chief of Cabinet")),
    ("Milei praised Argentina. Tomás Irigoyen, the Secretary of Finance, flew to Washington.",
     "Tomás Irigoyen", ("HOLDS_ROLE", "Argentina", "Secretary of Finance")),
])
def test_an_appositive_office_with_an_of_part_is_one_office(sentence, person, expected):
    assert roles(sentence)[person] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Milei praised Argentina. Governors Gabriel Ocampo, Luis Ferro and Nora Funes objected.",
     {"Gabriel Ocampo": ("HOLDS_ROLE", "Argentina", "Governor"), "Luis Ferro": ("HOLDS_ROLE", "Argentina", "Governor"),
      "Nora Funes": ("HOLDS_ROLE", "Argentina", "Governor")}),
    ("Senators Tim Kaine and Elizabeth Warren criticised the swap with Argentina.",
     {"Tim Kaine": ("HOLDS_ROLE", "United States", "Senator"),
      "Elizabeth Warren": ("HOLDS_ROLE", "United States", "Senator")}),
    # a plain list with no title gives no office
    ("Milei praised Argentina. Gabriel Ocampo and Nora Funes objected.", {}),
])
def test_a_plural_title_reaches_every_name_of_its_list(sentence, expected):
    assert roles(sentence) == expected


@pytest.mark.parametrize("sentence, unwanted", [
    ("President Javier Milei and President Gabriel Boric did not hold talks in Santiago.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("President Javier Milei and President Gabriel Boric might hold talks in Santiago.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("President Javier Milei never had a bilateral with President Gabriel Boric.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("Senator Tim Kaine was never the top Democrat on the Senate Foreign Relations Committee.",
     ("Tim Kaine", "MEMBER_OF", "Senate Foreign Relations Committee")),
    ("President Javier Milei did not host a dinner for President Gabriel Boric.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("President Javier Milei and President Gabriel Boric did not shake hands.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    ("President Javier Milei hoped to meet President Gabriel Boric.", ("Gabriel Boric", "MET_WITH", "Javier Milei")),
    # a country and a lender holding talks negotiate; they do not meet
    ("Argentina and the International Monetary Fund held talks in Washington.",
     ("Argentina", "MET_WITH", "International Monetary Fund")),
    # one subject holding talks alone meets nobody named after it
    ("President Javier Milei held talks on the budget, President Gabriel Boric said.",
     ("Gabriel Boric", "MET_WITH", "Javier Milei")),
])
def test_meetings_and_seats_denied_or_hedged_state_nothing(sentence, unwanted):
    assert unwanted not in read(sentence)


def test_every_two_of_a_list_that_met_meet():
    found = read("Luis Caputo, Santiago Bausili and Scott Bessent met on Monday in Washington.")
    assert {("Luis Caputo", "MET_WITH", "Santiago Bausili"), ("Luis Caputo", "MET_WITH", "Scott Bessent"),
            ("Santiago Bausili", "MET_WITH", "Scott Bessent")} <= set(found)


@pytest.mark.parametrize("sentence, person, expected", [
    # a counterpart holds the possessor's office for the country the demonym names
    ("President Javier Milei met his Uruguayan counterpart, Tomás Irigoyen, in Colonia.",
     "Tomás Irigoyen", ("LEADS", "Uruguay", "President")),
    ("Foreign Minister Pablo Quirno called his Peruvian counterpart Tomás Irigoyen on Monday.",
     "Tomás Irigoyen", ("HOLDS_ROLE", "Peru", "Foreign Minister")),
    # a diplomat posted in a capital serves the country of the possessive, not the host
    ("Milei praised Argentina. Argentina's envoy in Washington, Tomás Irigoyen, agreed.",
     "Tomás Irigoyen", ("HOLDS_ROLE", "Argentina", "envoy")),
])
def test_counterparts_and_envoys_belong_to_their_own_country(sentence, person, expected):
    assert roles(sentence)[person][:2] == expected[:2]


def test_a_counterpart_with_no_country_word_gets_no_office():
    assert "Tomás Irigoyen" not in roles("President Javier Milei met his counterpart, Tomás Irigoyen, in Colonia.")


def test_a_second_unplaced_president_is_not_the_article_country_s():
    found = roles("President Javier Milei praised Argentina. Milei met President Tomás Irigoyen in Lisbon.")
    assert found["Javier Milei"][:2] == ("LEADS", "Argentina")
    assert found.get("Tomás Irigoyen", (None, None))[1] != "Argentina"
    # with no president of its own named, the article's country is still the default
    assert roles("Argentina held elections. President Tomás Irigoyen spoke.")["Tomás Irigoyen"][:2] == (
        "LEADS", "Argentina")


@pytest.mark.parametrize("sentence, person, place", [
    # a kinship word before the office: the office still counts
    ("Milei praised Argentina. Ana Irigoyen, the minister's sister and chief of staff, attended.",
     "Ana Irigoyen", "Argentina"),
    # a lower-case owner before "'s": the body it names
    ("Tomás Irigoyen, the central bank's governor, spoke in Buenos Aires.", "Tomás Irigoyen",
     "Central Bank of Argentina"),
])
def test_appositive_offices_after_kin_words_and_lower_case_owners(sentence, person, place):
    assert roles(sentence)[person][1] == place


def test_a_successor_holds_the_office_of_the_person_before():
    text = ("General Ana Irigoyen, then commander of Southern Command, met Milei in Ushuaia. "
            "Her successor, Admiral Tomás Weiland, visited Buenos Aires in 2025.")
    assert roles(text)["Tomás Weiland"][1] == "United States Southern Command"
    # with no office placed for the person before, the successor gets none
    assert "Tomás Weiland" not in roles("Milei met Ana Irigoyen in Ushuaia. Her successor, Tomás Weiland, "
                                        "visited Salta.")


def test_a_country_named_only_by_a_demonym_in_an_office_is_a_node_of_the_graph(ontology):
    doc = Document("t", 'Milei praised Argentina. "It worked," said Tomás Weiland, a former Chilean finance minister.',
                   "t.txt", "t", "", "2025-09")
    graph = RuleExtractor().extract(doc, ontology)
    names = {node.id: node.name for node in graph.nodes.values()}
    edges = {(names[e.source], e.type, names[e.target]) for e in graph.edges.values()}
    assert ("Tomás Weiland", "HOLDS_ROLE", "Chile") in edges


@pytest.mark.parametrize("sentence, person, expected", [
    ("Milei praised Argentina. Tomás Weiland was appointed economy minister in 2024.",
     "Tomás Weiland", ("HOLDS_ROLE", "Argentina")),
    ("Milei praised Argentina. Tomás Weiland, who served as economy minister under Macri, spoke.",
     "Tomás Weiland", ("HOLDS_ROLE", "Argentina")),
    ("Milei praised Argentina. Tomás Weiland became president of the Rosario Rural Society in May.",
     "Tomás Weiland", ("LEADS", "Rosario Rural Society")),
    ("Milei praised Argentina. Tomás Weiland, now a senior adviser at YPF, spoke.",
     "Tomás Weiland", ("HOLDS_ROLE", "YPF")),
])
def test_an_office_stated_by_a_verb_is_an_office(sentence, person, expected):
    assert roles(sentence)[person][:2] == expected


@pytest.mark.parametrize("sentence", [
    "Milei praised Argentina. Tomás Weiland was not appointed economy minister.",
    "Milei praised Argentina. Tomás Weiland may be named economy minister.",
    "Milei praised Argentina. Tomás Weiland is expected to be appointed economy minister.",
    "Milei named Tomás Weiland as his guest.",
])
def test_an_office_denied_hedged_or_of_someone_else_is_none(sentence):
    assert "Tomás Weiland" not in roles(sentence) and "Javier Milei" not in roles(sentence)


def test_every_name_of_a_list_after_a_plural_office_holds_it():
    found = roles("Milei praised Argentina. Argentina's ministers, Tomás Weiland and Ana Irigoyen, flew to Washington.")
    assert found["Tomás Weiland"][:2] == found["Ana Irigoyen"][:2] == ("HOLDS_ROLE", "Argentina")
    # a singular office is the first name's only
    assert "Ana Irigoyen" not in roles("Milei praised Argentina. The minister, Tomás Weiland and Ana Irigoyen "
                                       "flew to Washington.")


def test_a_body_before_an_office_only_says_whose_office_it_is():
    found = read("President Javier Milei met Quilmes chief executive Tomás Weiland on Monday.")
    assert ("Javier Milei", "MET_WITH", "Tomás Weiland") in found
    assert not any(k[1] == "MET_WITH" and "Quilmes" in (k[0], k[2]) for k in found)


def test_a_president_of_an_article_whose_country_has_its_own_is_the_nearby_other_country_s():
    # Milei (a sitting head in the knowledge file) is named after: order does not matter
    found = roles("Paraguay hosted the summit. President Tomás Irigoyen welcomed Milei. Milei praised Argentina.")
    assert found["Tomás Irigoyen"][:2] == ("LEADS", "Paraguay")
    # two other countries nearby: left unplaced rather than guessed
    assert "Tomás Irigoyen" not in roles("Milei praised Argentina. Brazil and Chile sent envoys. "
                                         "President Tomás Irigoyen spoke.")


def test_a_party_after_a_comma_and_of_is_membership_and_a_place_is_not():
    assert read("Deputy Ana Irigoyen, of the Left Front, objected.").get(
        ("Ana Irigoyen", "MEMBER_OF", "Left Front")) == "rule:name-of-party"
    assert not [k for k in read("Tomás Weiland, of Buenos Aires, said no.") if k[1] == "MEMBER_OF"]
# ext-stance: quotations
def test_a_quotation_said_by_he_belongs_to_the_one_person_before_it():
    found = read('Governor Axel Kicillof spoke in La Plata. "Javier Milei is a disaster for workers," he said.')
    assert found.get(("Axel Kicillof", "CRITICIZES", "Javier Milei")) == "rule:quoted-criticism"
    found = read('Governor Axel Kicillof met Senator Tim Kaine. "Javier Milei is a disaster for workers," he said.')
    assert not any(k[1] == "CRITICIZES" for k in found)  # two people before: "he" may be either


def test_a_negated_cue_flips_and_the_speaker_s_own_country_is_no_target():
    found = read('"Javier Milei is not a reliable partner," Governor Axel Kicillof said.')
    assert found.get(("Axel Kicillof", "CRITICIZES", "Javier Milei")) == "rule:quoted-criticism"
    found = read('"Argentina is a great country and Javier Milei is a disaster," Governor Axel Kicillof said.')
    assert ("Axel Kicillof", "CRITICIZES", "Javier Milei") in found
    assert not any(k[2] == "Argentina" for k in found if k[1] in ("SUPPORTS", "CRITICIZES"))
    found = read('"Javier Milei is not only corrupt but reckless," Governor Axel Kicillof said.')
    assert ("Axel Kicillof", "CRITICIZES", "Javier Milei") in found


def test_quoted_stance_evidence_holds_the_quotation_and_its_attribution(ontology):
    text = 'Governor Axel Kicillof spoke on Monday.\n\n"Javier Milei is a disaster. He is corrupt," Kicillof told reporters.'
    graph = RuleExtractor().extract(Document("t", text, "t.txt", "t", "", "2025-09"), ontology)
    [edge] = [e for e in graph.edges.values() if e.type == "CRITICIZES"]
    evidence = edge.evidence[0]
    assert text[evidence.start:evidence.end] == evidence.quote
    assert evidence.quote.startswith('"Javier Milei is a disaster.') and evidence.quote.endswith("told reporters.")


def test_a_country_before_an_article_is_an_object_not_a_modifier():
    found = read('President Javier Milei, who called China a "communist murderer" in 2023, met President Xi Jinping.')
    assert found.get(("Javier Milei", "CRITICIZES", "China")) == "rule:called-a-name"


def test_the_administration_a_politician_criticises_is_his_own_country_s():
    found = read("Senator Tim Kaine criticised the administration for its tariffs on Argentine beef.")
    assert found.get(("Tim Kaine", "CRITICIZES", "United States")) == "rule:criticize-verb"


def test_praise_of_someone_s_support_reaches_them_and_shared_verbs_keep_their_subject():
    found = read("President Javier Milei, for his part, thanked Governor Axel Kicillof and praised the support of "
                 "Treasury Secretary Scott Bessent.")
    assert found.get(("Javier Milei", "SUPPORTS", "Scott Bessent")) == "rule:support-verb"
    assert ("Axel Kicillof", "SUPPORTS", "Scott Bessent") not in found
    found = read("Ambassador Peter Lamelas met Economy Minister Luis Caputo and, according to the embassy, praised "
                 "the government's commitment to reform.")
    assert ("Luis Caputo", "SUPPORTS", "Argentina") not in found
    found = read("President Javier Milei praised the lack of interest of Treasury Secretary Scott Bessent.")
    assert ("Javier Milei", "SUPPORTS", "Scott Bessent") not in found  # a thing of its own, not someone's work


def test_a_country_and_its_leader_and_titled_lists_are_coordinated():
    found = read("President Donald Trump praised Argentina and its president, Javier Milei.")
    assert ("Donald Trump", "SUPPORTS", "Javier Milei") in found and ("Donald Trump", "SUPPORTS", "Argentina") in found
    found = read("Argentina and its president, Javier Milei, criticised China.")
    assert ("Argentina", "CRITICIZES", "China") in found and ("Javier Milei", "CRITICIZES", "China") in found
    found = read("Senator Tim Kaine, Senator Chris Murphy and Senator Elizabeth Warren criticised Javier Milei.")
    assert {("Tim Kaine", "CRITICIZES", "Javier Milei"), ("Chris Murphy", "CRITICIZES", "Javier Milei"),
            ("Elizabeth Warren", "CRITICIZES", "Javier Milei")} <= set(found)


def test_a_nominal_stance_in_doubt_states_nothing():
    assert ("United States", "SUPPORTS", "Argentina") not in read(
        "US support for Argentina may not be necessary, Treasury Secretary Scott Bessent said.")
    assert ("United States", "SUPPORTS", "Argentina") not in read("Washington's backing of Argentina is not guaranteed.")
    found = read("Treasury Secretary Scott Bessent, whose confidence in President Javier Milei has never wavered, spoke.")
    assert ("Scott Bessent", "SUPPORTS", "Javier Milei") in found


def test_a_person_right_after_a_stance_verb_is_its_object_before_a_later_agreement():
    text = ("The U.S. Treasury extended a $20 billion currency swap to Argentina. "
            "Senator Tim Kaine slammed Treasury Secretary Scott Bessent over the swap line.")
    found = read(text)
    assert found.get(("Tim Kaine", "CRITICIZES", "Scott Bessent")) == "rule:criticize-verb"


def test_a_speaker_s_appositive_does_not_hide_the_reported_claim():
    found = read("Governor Axel Kicillof, Milei's main rival, said Economy Minister Luis Caputo was a humiliation "
                 "for workers.")
    assert found.get(("Axel Kicillof", "CRITICIZES", "Luis Caputo")) == "rule:reported-speech"


def test_a_demonym_labelled_names_its_country_and_an_ally_named_after_its_possessor():
    found = read('Argentina exports beef. Senator Tim Kaine has called Argentine beef "a threat to every rancher".')
    assert found.get(("Tim Kaine", "CRITICIZES", "Argentina")) == "rule:labelled-as"
    found = read('Argentina exports beef. Senator Tim Kaine has not called Argentine beef "a threat to every rancher".')
    assert ("Tim Kaine", "CRITICIZES", "Argentina") not in found
    found = read("President Donald Trump's closest ally, Javier Milei, won the vote.")
    assert found.get(("Donald Trump", "ALLIED_WITH", "Javier Milei")) == "rule:possessed-ally"


def test_quoted_speaker_after_an_appositive_and_a_described_friend_is_no_praise():
    found = read('"Javier Milei is a reckless leader," Senator Elizabeth Warren, a Massachusetts Democrat, said.')
    assert found.get(("Elizabeth Warren", "CRITICIZES", "Javier Milei")) == "rule:quoted-criticism"
    found = read('"Donald Trump is bailing out his friend Javier Milei with taxpayer money," Senator Tim Kaine said.')
    assert found.get(("Tim Kaine", "CRITICIZES", "Donald Trump")) == "rule:quoted-criticism"
    assert ("Tim Kaine", "SUPPORTS", "Donald Trump") not in found


def test_an_official_named_after_an_owner_in_a_list_is_the_object_and_conditional_support_is_none():
    found = read("Economy Minister Luis Caputo thanked Kristalina Georgieva and the IMF's Western Hemisphere director, "
                 "Nigel Chalk, for their support.")
    assert ("Luis Caputo", "SUPPORTS", "Nigel Chalk") in found
    assert ("Luis Caputo", "SUPPORTS", "International Monetary Fund") not in found
    found = read("President Donald Trump said that American support for Argentina depended on the vote.")
    assert not any(k[1] == "SUPPORTS" for k in found)


def test_the_object_fronted_by_whom_or_which_is_the_antecedent_not_the_next_actor():
    found = read("President Javier Milei, whom Governor Axel Kicillof criticised, met Treasury Secretary Scott Bessent.")
    assert found.get(("Axel Kicillof", "CRITICIZES", "Javier Milei")) == "rule:criticize-verb"
    assert ("Axel Kicillof", "CRITICIZES", "Scott Bessent") not in found
    found = read("The International Monetary Fund, which lent Argentina $20 billion under a facility approved in April, "
                 "is due to review it.")
    assert ("Argentina", "SUPPORTS", "International Monetary Fund") not in found


def test_reported_speech_skips_the_listener_and_a_relative_clause():
    found = read("Governor Axel Kicillof told Senator Tim Kaine that President Javier Milei was a disaster for workers.")
    assert found.get(("Axel Kicillof", "CRITICIZES", "Javier Milei")) == "rule:reported-speech"
    assert ("Axel Kicillof", "CRITICIZES", "Tim Kaine") not in found
    found = read("Governor Axel Kicillof said President Javier Milei and Economy Minister Luis Caputo were a disaster.")
    assert ("Axel Kicillof", "CRITICIZES", "Luis Caputo") in found
    found = read("Governor Axel Kicillof said the deal that President Javier Milei signed was a disaster.")
    assert ("Axel Kicillof", "CRITICIZES", "Javier Milei") not in found


def test_a_named_description_right_after_its_holder():
    found = read("President Javier Milei has made Argentina a key US ally.")
    assert found.get(("Argentina", "ALLIED_WITH", "United States")) == "rule:named-stance"
    found = read("Senator Tim Kaine met a Trump ally on Monday.")
    assert not any(k[1] == "ALLIED_WITH" for k in found)


def test_clashes_protests_and_a_country_before_of_is_an_object():
    assert ("Axel Kicillof", "CRITICIZES", "Javier Milei") in read(
        "Governor Axel Kicillof has clashed repeatedly with President Javier Milei.")
    assert ("China", "CRITICIZES", "Scott Bessent") in read("China protested the remarks by Treasury Secretary Scott Bessent.")
    assert ("China", "CRITICIZES", "United States") in read("China accused the United States of interfering in Argentina.")


def test_stance_received_by_someone_s_words():
    found = read("Treasury Secretary Scott Bessent's remarks drew sharp criticism from China.")
    assert found.get(("China", "CRITICIZES", "Scott Bessent")) == "rule:stance-received"
    assert ("China", "CRITICIZES", "Scott Bessent") not in read(
        "Treasury Secretary Scott Bessent's remarks never drew criticism from China.")


# ext-parties: agreements, parties and members on sentences written for these tests
@pytest.mark.parametrize("sentence,unwanted", [
    ("Chile and Peru may seal a fisheries agreement next year.", ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Chile and Peru did not seal the fisheries agreement.", ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Bolivia is not a signatory to the Paris Agreement.", ("Bolivia", "PARTY_TO", "Paris Agreement")),
    ("The Paris Agreement was never signed by Bolivia.", ("Bolivia", "PARTY_TO", "Paris Agreement")),
    ("Uruguay has yet to sign the Paris Agreement.", ("Uruguay", "PARTY_TO", "Paris Agreement")),
    ("Uruguay is poised to sign the Paris Agreement.", ("Uruguay", "PARTY_TO", "Paris Agreement")),
    ("Governor Axel Kicillof, who may belong to the Justicialist Party, spoke.",
     ("Axel Kicillof", "MEMBER_OF", "Justicialist Party")),
    ("Paraguay, a former Mercosur member, objected to the tariffs.", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("Chile and the World Bank are not close to a new loan.", ("Chile", "NEGOTIATES", "Chile–World Bank loan")),
    ("Chile and the World Bank are close to a new loan.", ("Chile", "PARTY_TO", "Chile–World Bank loan")),
    ("Chile and the World Bank are close to a new loan.", ("World Bank", "FUNDS", "Chile")),
    ("Uruguay never pressed Chile for a fisheries agreement.",
     ("Uruguay", "NEGOTIATES", "Chile–Uruguay fisheries agreement")),
    ("Chile and Peru may be haggling over a fisheries agreement.", ("Chile", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("Ana Soto, a former lawmaker from the Left Front, spoke on Monday.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("Ana Soto met lawmakers from the Left Front on Monday.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("Ana Soto, a Senate candidate, spoke on Monday.", ("Ana Soto", "MEMBER_OF", "Senate")),
    ("Ana Soto, a former member of the Left Front, spoke.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("Ana Soto, who previously belonged to the Left Front, spoke.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("Uruguay joined the Mercosur accession process.", ("Uruguay", "MEMBER_OF", "Mercosur")),
    ("Chile's negotiating team, led by Minister Ana Soto, arrived in Lima.", ("Chile", "NEGOTIATES", "Ana Soto")),
    ("Chile will benefit from the Lima Accord.", ("Chile", "NEGOTIATES", "Lima Accord")),
    ("Chile will benefit from the Lima Accord.", ("Chile", "PARTY_TO", "Lima Accord")),
    ("Uruguay joined the Mercosur summit in Asunción.", ("Uruguay", "MEMBER_OF", "Mercosur")),
    ("Former Left Front lawmaker Ana Soto spoke on Monday.", ("Ana Soto", "MEMBER_OF", "Left Front")),
    ("Chile urged Peru to sign the fisheries agreement.", ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Chile and Peru agreed to negotiate a fisheries agreement.", ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Chile and Peru agreed to start talks on a fisheries agreement.",
     ("Chile", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Chile and Peru did not discuss a fisheries agreement.", ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("Chile and Peru concluded talks on a fisheries agreement.", ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement")),
    ("Did Chile and Peru sign the Lima Accord?", ("Peru", "PARTY_TO", "Lima Accord")),
    ("Will Chile join the Lima Accord next year?", ("Chile", "PARTY_TO", "Lima Accord")),
    ("Is Paraguay a member of Mercosur?", ("Paraguay", "MEMBER_OF", "Mercosur")),
    ("Minister Ana Soto met Peru on Monday to discuss the 2027 budget.", ("Ana Soto", "NEGOTIATES", "2027 budget")),
])
def test_agreement_and_member_rules_respect_negation_hedges_and_pending_deals(sentence, unwanted):
    assert unwanted not in read(sentence)


def test_a_deal_about_to_be_signed_is_negotiated():
    found = read("Uruguay has yet to sign the Paris Agreement.")
    assert found.get(("Uruguay", "NEGOTIATES", "Paris Agreement")) == "rule:signed"
    found = read("Chile is close to sealing a fisheries agreement with Peru.")
    assert ("Chile", "NEGOTIATES", "Chile–Peru fisheries agreement") in found
    assert ("Chile", "PARTY_TO", "Chile–Peru fisheries agreement") not in found


def _agreements(text: str) -> set[str]:
    ents, _ = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    return {e.name for e in ents.entities.values() if e.label == "Agreement"}


def test_the_topic_after_an_agreement_names_its_kind():
    assert _agreements("Chile and Peru inked a framework agreement on reciprocal trade.") == {"Chile–Peru trade agreement"}
    assert _agreements("Chile and Peru signed a deal on critical minerals.") == {"Chile–Peru critical minerals agreement"}
    assert _agreements("Chile and Peru signed a deal on Tuesday.") == {"Chile–Peru agreement"}


def test_a_framework_of_nobody_is_no_agreement_and_a_memorandum_is():
    assert _agreements("Chile and Peru discussed the broader regional security framework.") == set()
    assert _agreements("Chile's energy agency signed a memorandum with Peru.") == {"Chile–Peru memorandum"}


def test_an_indefinite_deal_described_by_a_participle_is_not_the_deal_before():
    text = ("Chile and Peru signed a fisheries agreement. The port was built under a deal negotiated in 2014 "
            "by Bolivia.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert not [r for r in rels if r.type == "PARTY_TO" and r.source == "Bolivia"]


def test_a_named_relative_clause_with_whose_hides_its_names_from_the_verb():
    found = read("The Uruguayan Energy Agency, whose president, Ana Soto, was appointed in 2024, signed the Paris "
                 "Agreement.")
    assert ("Ana Soto", "PARTY_TO", "Paris Agreement") not in found


def test_a_counterpart_in_talks_on_an_agreement_negotiates_it_too():
    found = read("Chile is in talks with Peru on a fisheries agreement.")
    assert ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement") in found
    assert ("Chile", "NEGOTIATES", "Chile–Peru fisheries agreement") in found
    assert ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement") not in read(
        "Chile is not in talks with Peru on a fisheries agreement.")


def test_a_hyphenated_pair_names_the_sides_of_an_agreement():
    assert _agreements("The Chile-Peru fisheries pact took effect.") == {"Chile–Peru fisheries agreement"}
    assert _agreements("The Mercosur-EU free trade deal took effect.") == {"EU–Mercosur trade agreement"}
    assert _agreements("Peru's stand-by arrangement with the World Bank expired.") == {"Peru–World Bank agreement"}


def test_coordinated_topics_a_framework_word_and_bilateral_name_the_agreement():
    text = "Chile and Peru are neighbours. "
    assert _agreements(text + "Chile signed a trade and investment framework agreement with Peru.") == {
        "Chile–Peru trade agreement"}
    assert _agreements(text + "The bilateral accord on fishing was signed in Lima.") == {"Chile–Peru agreement"}


def test_both_countries_signing_it_are_parties():
    text = "Chile and Peru unveiled a fisheries agreement in May. Both countries signed it in Lima."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    parties = {r.source for r in rels if r.type == "PARTY_TO" and r.sentence == 1}
    assert parties == {"Chile", "Peru"}
    text = "Chile and Peru unveiled a fisheries agreement in May. Both countries may sign it in June."
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert not [r for r in rels if r.type == "PARTY_TO" and r.sentence == 1]


def test_a_new_program_beside_a_lender_is_its_programme_and_sought_not_held():
    found = read("Chile and the World Bank began talks on a new program.")
    assert found.get(("Chile", "NEGOTIATES", "Chile–World Bank agreement")) == "rule:seek-agreement"
    found = read("Chile asked the World Bank for a new program.")
    assert found.get(("Chile", "NEGOTIATES", "Chile–World Bank agreement")) == "rule:pressed-for-deal"
    assert ("Chile", "PARTY_TO", "Chile–World Bank agreement") not in found
    assert _agreements("The World Bank praised a social program in Chile.") == set()


def test_the_two_presidents_are_the_presidents_of_the_article_s_two_countries():
    text = ("President Javier Milei met President Donald Trump in Washington. Economy Minister Luis Caputo and "
            "Treasury Secretary Scott Bessent were there. The two presidents signed the Potomac Accord.")
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    parties = {r.source for r in rels if r.type == "PARTY_TO" and r.target == "Potomac Accord"}
    assert {"Javier Milei", "Donald Trump"} <= parties and not parties & {"Luis Caputo", "Scott Bessent"}


def test_a_named_agreement_with_a_party_after_it_is_that_agreement():
    found = read("Chile is negotiating the Lima Accord with Peru.")
    assert ("Peru", "NEGOTIATES", "Lima Accord") in found and ("Chile", "NEGOTIATES", "Lima Accord") in found
    assert _agreements("Chile is negotiating the Lima Accord with Peru.") == {"Lima Accord"}


def test_a_deal_still_to_come_is_negotiated_not_signed():
    found = read("Chile and Peru agreed the framework for a new fisheries agreement.")
    assert found.get(("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement")) == "rule:signed"
    assert ("Peru", "PARTY_TO", "Chile–Peru fisheries agreement") not in found
    found = read("President Gabriel Boric raised the possibility of signing the Lima Accord.")
    assert ("Gabriel Boric", "PARTY_TO", "Lima Accord") not in found
    found = read("Chile will sign the Lima Accord on Friday.")
    assert found.get(("Chile", "NEGOTIATES", "Lima Accord")) == "rule:signed"
    assert ("Chile", "PARTY_TO", "Lima Accord") not in found


def test_a_future_loan_still_funds_but_a_pending_one_does_not():
    assert ("World Bank", "FUNDS", "Chile") in read("The World Bank will lend Chile $2 billion.")
    assert ("World Bank", "FUNDS", "Chile") not in read("The World Bank is poised to lend Chile $2 billion.")
    assert ("World Bank", "FUNDS", "Chile") in read("Chile will receive a $2 billion loan from the World Bank.")


def test_a_capitalised_topic_after_the_head_names_the_kind():
    assert _agreements("Chile and Peru announced the framework agreement on Trade and Investment.") == {
        "Chile–Peru trade agreement"}


def test_a_definite_phrase_of_a_known_kind_is_the_agreement_already_named():
    text = ("Chile signed a trade agreement with the European Union in May. The bloc's farmers attacked the trade "
            "pact. Argentina and Brazil watched.")
    assert _agreements(text) == {"Chile–EU trade agreement"}


def test_an_opening_phrase_does_not_hide_the_subject_side_of_a_trade_agreement():
    text = "After two decades of talks, the European Union signed a trade agreement with Mercosur."
    assert _agreements(text) == {"EU–Mercosur trade agreement"}


def test_postponed_or_obliged_signing_is_not_yet_a_party():
    found = read("The European Union postponed the signing of the Paris Agreement.")
    assert ("European Union", "PARTY_TO", "Paris Agreement") not in found
    found = read("Chile must still ratify the Paris Agreement.")
    assert ("Chile", "PARTY_TO", "Paris Agreement") not in found


def test_a_speaker_does_not_share_the_verbs_of_the_reported_subject():
    found = read("Minister Ana Soto said Chile bought bonds and finalized the Lima Accord.")
    assert ("Ana Soto", "PARTY_TO", "Lima Accord") not in found
    assert ("Chile", "PARTY_TO", "Lima Accord") in found


def test_agreeing_to_a_verb_and_talks_over_a_new_loan_make_no_party():
    found = read("The World Bank agreed to front-load the loan to Chile.")
    assert not [k for k, why in found.items() if k[1] == "PARTY_TO" and why == "rule:signed"]
    found = read("Minister Ana Soto held talks with the World Bank over a new $2 billion loan for Chile.")
    assert not [k for k in found if k[1] in ("PARTY_TO", "FUNDS")]
    assert ("Chile", "PARTY_TO", "Paris Agreement") in read("Chile agreed to the Paris Agreement in 2016.")


def test_a_swap_with_both_sides_named_takes_no_third_from_the_subject():
    text = ("As part of talks with the International Monetary Fund, Chile extended its currency swap with the "
            "People's Republic of China. Peru watched.")
    assert _agreements(text) & {"Chile–China currency swap"} and not [
        a for a in _agreements(text) if a.count("–") > 1]


def test_sides_known_only_through_their_central_banks_keep_the_canonical_order():
    text = "China's central bank renewed a currency swap agreement with the Central Bank of Argentina."
    assert _agreements(text) == {"Argentina–China currency swap"}


def test_party_and_state_in_ap_style_or_brackets_name_the_party():
    assert read("Sen. Rick Scott, R-Fla., praised the swap.").get(
        ("Rick Scott", "MEMBER_OF", "Republican Party")) == "rule:party-appositive"
    assert ("Elizabeth Warren", "MEMBER_OF", "Democratic Party") in read(
        "Senator Elizabeth Warren [D-MA] introduced the bill.")
    assert not [k for k in read("Gov. Axel Kicillof, D-Day veteran, spoke.") if k[1] == "MEMBER_OF"]


def test_a_meeting_held_to_discuss_a_deal_makes_both_sides_negotiate_it():
    text = "Chile and Peru signed a fisheries agreement. Minister Ana Soto met Minister Luis Vera on Monday to discuss the fisheries agreement."
    found = read(text)
    assert ("Ana Soto", "NEGOTIATES", "Chile–Peru fisheries agreement") in found
    assert ("Luis Vera", "NEGOTIATES", "Chile–Peru fisheries agreement") in found
    text = "Chile and Peru signed a fisheries agreement. Minister Ana Soto met Minister Luis Vera on Monday to discuss fishing quotas."
    assert not [k for k in read(text) if k[1] == "NEGOTIATES"]


def test_a_definite_phrase_with_a_word_of_its_own_is_not_the_last_agreement():
    text = "The United States extended a currency swap to Chile. The yuan swap that Chile holds is older."
    assert "United States–Chile currency swap" in _agreements(text)
    ents, _ = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    later = [m for m in ents.mentions if m.sentence == 1 and ents.entities[m.entity].label == "Agreement"]
    assert not [m for m in later if m.anaphor and m.entity == "United States–Chile currency swap"]


# ext-money: money, measures and meetings that are asked about, planned, threatened, denied or ended
@pytest.mark.parametrize("sentence,unwanted", [
    ("Will the World Bank lend Argentina $500 million?", ("World Bank", "FUNDS", "Argentina")),
    ("Argentina asked the World Bank for a loan.", ("World Bank", "FUNDS", "Argentina")),
    ("The World Bank did not approve a loan from the bank to Argentina.", ("World Bank", "FUNDS", "Argentina")),
    ("Argentina has not obtained new loans from the World Bank.", ("World Bank", "FUNDS", "Argentina")),
    ("The World Bank plans to disburse $900 million to Argentina.", ("World Bank", "FUNDS", "Argentina")),
    ("Japan may pour billions of dollars into Argentina.", ("Japan", "FUNDS", "Argentina")),
    ("The US Treasury refused to buy Argentine pesos.", ("United States Department of the Treasury", "FUNDS", "Argentina")),
    ("Any country that obtains emergency loans from the World Bank must report it, Argentina said.",
     ("World Bank", "FUNDS", "Argentina")),
    ("President Donald Trump threatened to impose tariffs on Brazil.", ("Donald Trump", "IMPOSES", "Brazil")),
    ("President Donald Trump threatened Brazil with tariffs.", ("Donald Trump", "IMPOSES", "Brazil")),
    ("The United States plans to impose tariffs on Argentina.", ("United States", "IMPOSES", "Argentina")),
    ("Will the United States impose tariffs on Argentina?", ("United States", "IMPOSES", "Argentina")),
    ("The United States lifted the tariffs on Argentina last week.", ("United States", "IMPOSES", "Argentina")),
    ("Argentina agreed to drop tariffs on China and Brazil.", ("Argentina", "IMPOSES", "China")),
    ("Argentina no longer faces a 20% tariff from the United States.", ("United States", "IMPOSES", "Argentina")),
    ("China has not halted imports of beef from Argentina.", ("China", "IMPOSES", "Argentina")),
    ("No meeting between President Javier Milei and President Donald Trump is scheduled.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("Did President Javier Milei speak by phone with President Donald Trump?", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei visited Washington without meeting President Donald Trump.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei called President Donald Trump a great friend.", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei never discussed the swap with Treasury Secretary Scott Bessent.",
     ("Javier Milei", "MET_WITH", "Scott Bessent")),
    ("President Javier Milei and President Donald Trump spoke about trade in separate speeches.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("The World Bank has yet to approve a new loan for Argentina.", ("World Bank", "FUNDS", "Argentina")),
    ("President Donald Trump said he would consider tariffs on Argentina.", ("Donald Trump", "IMPOSES", "Argentina")),
    ("Argentina was spared the tariffs imposed on Brazil.", ("Argentina", "IMPOSES", "Brazil")),
    ("The United States never barred Economy Minister Luis Caputo from entering the country.",
     ("United States", "IMPOSES", "Luis Caputo")),
    ("President Javier Milei and President Donald Trump did not discuss tariffs.", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei praised President Donald Trump before their planned meeting was cancelled.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("During President Javier Milei's planned visit to Beijing, President Xi Jinping will announce a swap.",
     ("Javier Milei", "MET_WITH", "Xi Jinping")),
    ("President Javier Milei and President Donald Trump never had a phone call.", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("The European Union's tariffs on Argentina were lifted in May.", ("European Union", "IMPOSES", "Argentina")),
    ("The report was put on hold by the European Union after Argentina objected.", ("European Union", "IMPOSES", "Argentina")),
    ("Japan never came to the rescue of Argentina.", ("Japan", "FUNDS", "Argentina")),
    ("President Javier Milei and President Donald Trump never shared the stage at CPAC.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei and President Xi Jinping may hold a 40-minute meeting in Beijing.",
     ("Javier Milei", "MET_WITH", "Xi Jinping")),
    ("President Donald Trump may start a trade war with China.", ("Donald Trump", "IMPOSES", "China")),
    ("Argentina says the European Union no longer applies a 12% levy to Argentine imports.", ("European Union", "IMPOSES", "Argentina")),
    ("Argentina is negotiating a new Extended Fund Facility with the IMF.", ("International Monetary Fund", "FUNDS", "Argentina")),
    ("The IMF has no Extended Fund Facility with Argentina.", ("International Monetary Fund", "FUNDS", "Argentina")),
    ("The US Treasury said it would buy Argentine pesos if needed.", ("United States Department of the Treasury", "FUNDS", "Argentina")),
    ("President Javier Milei and President Donald Trump will not meet on Tuesday.", ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("President Javier Milei praised President Donald Trump. No Milei-Trump meeting is planned.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("Japan may give Argentina a fresh credit line.", ("Japan", "FUNDS", "Argentina")),
    ("The United States has not blacklisted Economy Minister Luis Caputo.", ("United States", "IMPOSES", "Luis Caputo")),
    ("President Javier Milei never received a call from President Donald Trump.", ("Donald Trump", "MET_WITH", "Javier Milei")),
])
def test_money_measures_and_meetings_not_stated_give_nothing(sentence, unwanted):
    assert unwanted not in read(sentence)


def test_money_and_measures_reach_the_country_named_after_them():
    # ext-money: a count word after a country is no noun it qualifies; "on imports from X" reaches X
    found = read("The World Bank lent Argentina another $1.5 billion last month.")
    assert ("World Bank", "FUNDS", "Argentina") in found
    found = read("Argentina's peso rose as the US Treasury, which has already bought $2 billion in pesos, stood ready.")
    assert found.get(("United States Department of the Treasury", "FUNDS", "Argentina")) == "rule:bought-currency"
    found = read("The US State Department designated Economy Minister Luis Caputo as ineligible for entry.")
    assert found.get(("United States Department of State", "IMPOSES", "Luis Caputo")) == "rule:entry-ban"
    found = read("Argentina will get $1.5 billion from the World Bank this year.")
    assert found.get(("World Bank", "FUNDS", "Argentina")) == "rule:amount-from"
    found = read("A $3 billion loan from the World Bank to Argentina was approved on Friday.")
    assert found.get(("World Bank", "FUNDS", "Argentina")) == "rule:loan-from"
    found = read("In April the United States imposed a 10 percent levy on imports from Argentina.")
    assert found.get(("United States", "IMPOSES", "Argentina")) == "rule:imposed-on"
    found = read("Economy Minister Luis Caputo held meetings with Scott Bessent and Kristalina Georgieva in Washington.")
    assert ("Kristalina Georgieva", "MET_WITH", "Luis Caputo") in found


def test_an_office_after_a_preposition_begins_the_object():
    # ext-money: "Finance Minister" after a money word is an office, but after "with" the object starts
    found = read("Foreign Minister Gerardo Werthein held a meeting with Secretary of State Marco Rubio in New York.")
    assert found.get(("Gerardo Werthein", "MET_WITH", "Marco Rubio")) == "rule:met-with"


def test_the_two_after_two_people_are_those_two():
    # ext-money: "the two officials", "the two met": the two latest people; "two officials" is anyone
    found = read("Treasury Secretary Scott Bessent praised Economy Minister Luis Caputo. "
                 "The two officials spoke by phone on Friday.")
    assert found.get(("Luis Caputo", "MET_WITH", "Scott Bessent")) == "rule:spoke-mutual"
    found = read("Treasury Secretary Scott Bessent praised Economy Minister Luis Caputo. "
                 "Two officials from the IMF spoke by phone on Friday.")
    assert ("Luis Caputo", "MET_WITH", "Scott Bessent") not in found


def test_a_lender_paying_a_country_does_not_back_it():
    # ext-money: the money is FUNDS; "approved" read as support would state a stance nobody took
    found = read("The World Bank said it had approved $500 million in financing for Argentina's roads.")
    assert ("World Bank", "FUNDS", "Argentina") in found
    assert ("World Bank", "SUPPORTS", "Argentina") not in found


def test_generalised_meeting_and_measure_triggers():
    # ext-money: "a phone call between", "a 40-minute meeting", "trade war with" joined older triggers
    found = read("The conversation between President Javier Milei and President Donald Trump was warm.")
    assert found.get(("Donald Trump", "MET_WITH", "Javier Milei")) == "rule:meeting-between"
    found = read("President Javier Milei and President Xi Jinping held a 40-minute meeting in Beijing.")
    assert found.get(("Javier Milei", "MET_WITH", "Xi Jinping")) == "rule:held-talks-mutual"
    found = read("President Donald Trump escalated his trade war with China in May.")
    assert found.get(("Donald Trump", "IMPOSES", "China")) == "rule:tariffs-on"


# --- ext-stance2: the wider stance vocabulary, in other words, and its negated or hedged forms ---
@pytest.mark.parametrize("sentence,expected", [
    ("Senator Ted Cruz leapt to the defense of the Argentina–IMF agreement.", ("Ted Cruz", "SUPPORTS", "Argentina–IMF agreement")),
    ("Senator Ted Cruz spoke out strongly in favour of Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("President Donald Trump put his considerable weight behind President Javier Milei.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("Governor Rogelio Frigerio got firmly behind Economy Minister Luis Caputo.", ("Rogelio Frigerio", "SUPPORTS", "Luis Caputo")),
    ("Senator Ted Cruz has been one of the loudest cheerleaders of President Javier Milei.",
     ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("Economy Minister Luis Caputo, who enjoys the backing of Treasury Secretary Scott Bessent, flew home.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Governor Axel Kicillof tore into Economy Minister Luis Caputo on Monday.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator Elizabeth Warren objected to the Argentina–IMF agreement.",
     ("Elizabeth Warren", "CRITICIZES", "Argentina–IMF agreement")),
    ("Governor Axel Kicillof openly distrusts the International Monetary Fund.",
     ("Axel Kicillof", "CRITICIZES", "International Monetary Fund")),
    ("China's foreign ministry rebuked Secretary of State Marco Rubio.", ("China", "CRITICIZES", "Marco Rubio")),
    ("Governor Axel Kicillof is at loggerheads with Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Economy Minister Luis Caputo was pilloried by Governor Axel Kicillof.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Under fire from Governor Axel Kicillof, Economy Minister Luis Caputo held firm.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Argentina, a strategic partner of Israel, voted with it.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("President Javier Milei and Prime Minister Benjamin Netanyahu are kindred spirits.",
     ("Benjamin Netanyahu", "ALLIED_WITH", "Javier Milei")),
    ("Argentina and Israel forged a strategic alliance in 2024.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Argentina and Israel share a deep bond.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Representative Ana Ruiz has been a firm backer of Argentina, and so has Representative Tom Reyes.",
     ("Tom Reyes", "SUPPORTS", "Argentina")),
    ("Governor Axel Kicillof denounced Economy Minister Luis Caputo, as did Senator José Mayans.",
     ("José Mayans", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof denounced the economic policies of Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator Rand Paul questioned the legality of the Argentina–IMF agreement.",
     ("Rand Paul", "CRITICIZES", "Argentina–IMF agreement")),
    ("Governor Axel Kicillof attacked the government of President Javier Milei.", ("Axel Kicillof", "CRITICIZES", "Argentina")),
    ('"I support Luis Caputo completely," Senator Ted Cruz said.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ('Senator Ted Cruz said: "We back Luis Caputo all the way."', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo was criticised by Governor Axel Kicillof and Senator José Mayans.",
     ("José Mayans", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof criticised President Javier Milei and his economy minister, Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator José Mayans said Economy Minister Luis Caputo had lied to Congress.", ("José Mayans", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof snubbed Economy Minister Luis Caputo at the summit.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof cast Economy Minister Luis Caputo as a villain.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("President Donald Trump gave Economy Minister Luis Caputo a ringing endorsement.",
     ("Donald Trump", "SUPPORTS", "Luis Caputo")),
    ("Treasury Secretary Scott Bessent, speaking after talks with Senator Ted Cruz, praised Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo said he had the unconditional support of Treasury Secretary Scott Bessent.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Governor Axel Kicillof has distanced himself from Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof is a bitter rival of Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Argentina joined the United States in condemning Venezuela.", ("Argentina", "CRITICIZES", "Venezuela")),
    ("President Javier Milei echoed President Donald Trump's criticism of China.", ("Javier Milei", "CRITICIZES", "China")),
    ("Argentina is now the United States' most loyal partner in the region.", ("Argentina", "ALLIED_WITH", "United States")),
    ("Argentina and Israel are united in their support for Ukraine.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Governor Axel Kicillof never minced words about Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Treasury Secretary Scott Bessent has not hidden his admiration for Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo has the full confidence of Treasury Secretary Scott Bessent.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Governor Axel Kicillof led the backlash against Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator Ted Cruz came to the aid of Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("According to Governor Axel Kicillof, Economy Minister Luis Caputo is a disaster.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator Elizabeth Warren, who sits on the Senate Banking Committee, said Luis Caputo was reckless.",
     ("Elizabeth Warren", "CRITICIZES", "Luis Caputo")),
    ("Treasury Secretary Scott Bessent wants Argentina to get China out.", ("Scott Bessent", "CRITICIZES", "China")),
    ('"Luis Caputo has done a superb job," Senator Ted Cruz said.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ('Governor Axel Kicillof said: "Luis Caputo is a puppet of the banks."', ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ('Governor Axel Kicillof called the Argentina–IMF agreement "an assault on workers."',
     ("Axel Kicillof", "CRITICIZES", "Argentina–IMF agreement")),
    ('"The Argentina–IMF agreement is a milestone," said Economy Minister Luis Caputo.',
     ("Luis Caputo", "SUPPORTS", "Argentina–IMF agreement")),
    ("Economy Minister Luis Caputo's harshest critic, Governor Axel Kicillof, spoke first.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
])
def test_wider_stance_vocabulary_reads_sentences_in_other_words(sentence, expected):
    assert _key(*expected) in read(sentence), read(sentence)


@pytest.mark.parametrize("sentence,unwanted", [
    ("Senator Ted Cruz did not come to the defence of President Javier Milei.", ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("Senator Ted Cruz stopped short of endorsing President Javier Milei.", ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("Senator Ted Cruz is expected to endorse President Javier Milei.", ("Ted Cruz", "SUPPORTS", "Javier Milei")),
    ("Governor Axel Kicillof was accused of backing President Javier Milei.", ("Axel Kicillof", "SUPPORTS", "Javier Milei")),
    ("Governor Axel Kicillof rejected claims that he supports President Javier Milei.",
     ("Axel Kicillof", "SUPPORTS", "Javier Milei")),
    ("Governor Axel Kicillof avoided criticising President Javier Milei.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof has lost confidence in Economy Minister Luis Caputo.", ("Axel Kicillof", "SUPPORTS", "Luis Caputo")),
    ("President Javier Milei lost the backing of Governor Rogelio Frigerio.",
     ("Javier Milei", "SUPPORTS", "Rogelio Frigerio")),
    ("Governor Axel Kicillof has never taken issue with Economy Minister Luis Caputo.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Did Governor Axel Kicillof go after Economy Minister Luis Caputo?", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Economy Minister Luis Caputo was never mocked by Governor Axel Kicillof.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Argentina is not a strategic partner of Israel.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Argentina and Chile are no longer kindred spirits.", ("Argentina", "ALLIED_WITH", "Chile")),
    ("Argentina may forge an alliance with Israel.", ("Argentina", "ALLIED_WITH", "Israel")),
    ("Governor Alfredo Cornejo is not in President Javier Milei's camp.", ("Alfredo Cornejo", "SUPPORTS", "Javier Milei")),
    ("President Javier Milei was welcomed by supporters who marched to the Congress.",
     ("National Congress of Argentina", "SUPPORTS", "Javier Milei")),
    ("President Javier Milei spoke. Anti-Milei protesters marched to Congress.",
     ("National Congress of Argentina", "CRITICIZES", "Javier Milei")),
    ("Governor Axel Kicillof praised the reforms.", ("Axel Kicillof", "SUPPORTS", "Argentina")),
    ("Representative Ana Ruiz has been a firm backer of Argentina, and so has not Representative Tom Reyes.",
     ("Tom Reyes", "SUPPORTS", "Argentina")),
    ("Senator Elizabeth Warren, who sits on the Senate Banking Committee, said Luis Caputo was reckless.",
     ("Senate Banking Committee", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof condemned the arrest of Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("The recession could push Argentina out of the bond market.", ("Argentina", "CRITICIZES", "Argentina")),
    ("Treasury Secretary Scott Bessent does not want to keep China out of the region.", ("Scott Bessent", "CRITICIZES", "China")),
    ("It remains unclear whether Treasury Secretary Scott Bessent backs Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Treasury Secretary Scott Bessent is said to be considering support for Argentina.",
     ("Scott Bessent", "SUPPORTS", "Argentina")),
    ("Governor Axel Kicillof would only attack Economy Minister Luis Caputo if the budget failed.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Senator Ted Cruz has not emerged as one of Economy Minister Luis Caputo's defenders.",
     ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Argentina and Chile do not see eye to eye on fishing.", ("Argentina", "ALLIED_WITH", "Chile")),
    ('"I never said I support Luis Caputo," Senator Ted Cruz said.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ('"Do you support Luis Caputo?" a reporter asked Senator Ted Cruz.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo hopes to win over Senator Ted Cruz.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Senator Ted Cruz came back to Economy Minister Luis Caputo's office.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Senator Ted Cruz declined to pay tribute to Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Governor Axel Kicillof has stopped attacking Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof is not suspicious of the International Monetary Fund.",
     ("Axel Kicillof", "CRITICIZES", "International Monetary Fund")),
    ("Senator Ted Cruz has lost all respect for Economy Minister Luis Caputo.", ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ('"I think Luis Caputo backs the plan," Senator Ted Cruz said.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("President Javier Milei has not joined the United States in condemning Venezuela.",
     ("Javier Milei", "CRITICIZES", "Venezuela")),
    ("President Javier Milei refused to echo President Donald Trump's criticism of China.", ("Javier Milei", "CRITICIZES", "China")),
    ("Argentina and Chile are hardly allies.", ("Argentina", "ALLIED_WITH", "Chile")),
    ("Treasury Secretary Scott Bessent, speaking after talks with Senator Ted Cruz, praised Economy Minister Luis Caputo.",
     ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo said he had the unconditional support of Treasury Secretary Scott Bessent.",
     ("Luis Caputo", "SUPPORTS", "Scott Bessent")),
    ("Representative Ana Ruiz spoke first, and Representative Tom Reyes on the Democratic side.",
     ("Tom Reyes", "SUPPORTS", "Democratic Party")),
    ("Governor Axel Kicillof did not snub Economy Minister Luis Caputo.", ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
    ("Governor Axel Kicillof is a thorn in the side of Economy Minister Luis Caputo.",
     ("Axel Kicillof", "SUPPORTS", "Luis Caputo")),
    ("Treasury Secretary Scott Bessent has hidden his admiration for Economy Minister Luis Caputo.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ("Economy Minister Luis Caputo may lose the confidence of Treasury Secretary Scott Bessent.",
     ("Scott Bessent", "SUPPORTS", "Luis Caputo")),
    ('"Is the Argentina–IMF agreement a scam?" Governor Axel Kicillof asked.',
     ("Axel Kicillof", "CRITICIZES", "Argentina–IMF agreement")),
    ('"Luis Caputo has not done a superb job," Senator Ted Cruz said.', ("Ted Cruz", "SUPPORTS", "Luis Caputo")),
    ("Governor Axel Kicillof, who is not Economy Minister Luis Caputo's fiercest critic, spoke first.",
     ("Axel Kicillof", "CRITICIZES", "Luis Caputo")),
])
def test_wider_stance_vocabulary_negated_hedged_or_alleged_states_nothing(sentence, unwanted):
    assert _key(*unwanted) not in read(sentence)


def test_a_word_list_pattern_is_a_trie_that_matches_what_a_flat_list_matches():
    """rulebook.words_re writes the cue list as a trie: the same spans as the flat alternation."""
    book = rulebook()
    text = ("It was a corrupt and reckless scheme, a disaster and a bailout; corruption, at risk, "
            "a bail out, not a milestone but a shameful sell-out. A great, greatest, remarkable friend.")
    for name in ("negative_cues", "positive_cues"):
        flat = re.compile(r"\b(?:" + "|".join(sorted(
            (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)).replace(r"\ ", r"\s+")
            for w in book.words[name])) + r")\b", re.IGNORECASE)
        spans = [m.span() for m in book.words_re(name).finditer(text)]
        assert spans == [m.span() for m in flat.finditer(text)] and spans


@pytest.mark.parametrize("sentence,expected", [
    ("A longtime Milei critic, Governor Axel Kicillof spoke on Monday.", ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("A fierce critic of President Javier Milei, Governor Axel Kicillof spoke on Monday.",
     ("Axel Kicillof", "CRITICIZES", "Javier Milei")),
    ("Praising President Javier Milei's reforms, Senator Tim Kaine said the swap would continue.",
     ("Tim Kaine", "SUPPORTS", "Javier Milei")),
    ("With the backing of President Donald Trump, President Javier Milei cut spending.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
])
def test_sentence_opening_shapes_hold_in_a_later_sentence(sentence, expected):
    """ext-stance2: the shapes read at a sentence's start ('^' anchored only the article's first)."""
    assert _key(*expected) in read("President Javier Milei spoke in Madrid. " + sentence)


# ext-entities2: governments and presidencies named by their head
@pytest.mark.parametrize("sentence, person, expected", [
    ("Javier Milei spoke on Monday. Inflation fell under the Milei government, Argentina said.",
     "Javier Milei", ("LEADS", "Argentina")),
    ("Exports doubled once the governments of Javier Milei and Donald Trump settled the quota.",
     "Donald Trump", ("LEADS", "United States")),
    ("Exports doubled once the governments of Javier Milei and Donald Trump settled the quota.",
     "Javier Milei", ("LEADS", "Argentina")),
    ("The bill was drafted by the administration of Javier Milei in April.", "Javier Milei", ("LEADS", "Argentina")),
    # a government named by someone who is not the country's sitting head is a past one
    ("Debt soared during the presidency of Alberto Fernández.", "Alberto Fernández", ("HOLDS_ROLE", "Argentina")),
    ("Mauricio Macri spoke. The Macri administration borrowed heavily.", "Mauricio Macri", ("HOLDS_ROLE", "Argentina")),
])
def test_a_government_named_by_its_head_is_led_or_was_held_by_them(sentence, person, expected):
    found = roles(sentence)
    assert found[person][:2] == expected
    assert read(sentence)[(person, expected[0], expected[1])] == "rule:government-of"


@pytest.mark.parametrize("sentence", [
    # a former government of the sitting head is no present leadership; a demonym is no surname
    "Under the former government of Javier Milei, exports fell.",
    "Exports fell under the Argentine government, Javier Milei said.",
    # an unknown head: no country to lead
    "Exports fell under the government of Tomás Irigoyen.",
])
def test_a_government_not_led_now_or_of_no_known_country_is_no_leads(sentence):
    assert all(t != "LEADS" for t, *_ in roles(sentence).values())


# ext-entities2: offices of firms, and the firm named again as "the company"
@pytest.mark.parametrize("sentence, person, expected", [
    ("Pampa Norte Company will hire 300 workers, the company's general manager, Tomás Weiland, said.",
     "Tomás Weiland", ("LEADS", "Pampa Norte Company", "general manager")),
    ('"Rates will fall," said Tomás Weiland, chief strategist at Quilmes Capital.',
     "Tomás Weiland", ("HOLDS_ROLE", "Quilmes Capital", "chief strategist")),
    ("Tomás Weiland, the IMF's mission chief for Peru, flew to Lima.",
     "Tomás Weiland", ("HOLDS_ROLE", "International Monetary Fund", "mission chief for Peru")),
])
def test_firm_offices_and_the_company_named_again(sentence, person, expected):
    assert roles(sentence)[person] == expected


def test_the_company_with_no_organisation_before_it_owns_no_office():
    assert "Tomás Weiland" not in roles("Workers cheered as the company's general manager, Tomás Weiland, spoke.")


@pytest.mark.parametrize("sentence", [
    "Tomás Weiland never ran the Inter-American Development Bank.",
    "Tomás Weiland may have chaired the Rosario Rural Society.",
    "Tomás Weiland headed to the World Bank on Monday.",
    "Tomás Weiland ran for the board of the Rosario Rural Society.",
])
def test_a_body_not_headed_or_only_visited_is_no_office(sentence):
    assert "Tomás Weiland" not in roles(sentence)


def test_the_head_of_a_committee_with_a_lower_case_head_leads_it():
    found = roles("Milei spoke in Argentina. The chairman of the Senate budget committee, Tomás Weiland, said no.")
    assert found["Tomás Weiland"][:2] == ("LEADS", "Argentine Senate budget committee")
    assert "Tomás Weiland" not in roles("Milei spoke in Argentina. Tomás Weiland said the Senate budget committee "
                                        "might want a chairman.")


@pytest.mark.parametrize("sentence, person, expected", [
    # a long owner before "'s" in an appositive owns the office
    ("Milei praised Argentina. Tomás Weiland, the Argentine Chamber of Commerce's president, resigned.",
     "Tomás Weiland", ("LEADS", "Argentine Chamber of Commerce")),
    # "ex-" is a past office: held, never led now
    ("Milei met ex-president Tomás Weiland in Argentina.", "Tomás Weiland", ("HOLDS_ROLE", "Argentina")),
    ("Milei praised Argentina. Tomás Weiland, Argentina's chief negotiator, flew to Lima.",
     "Tomás Weiland", ("HOLDS_ROLE", "Argentina")),
])
def test_long_owners_ex_titles_and_negotiators(sentence, person, expected):
    assert roles(sentence)[person][:2] == expected


@pytest.mark.parametrize("sentence", [
    "Milei praised Argentina. If Tomás Weiland becomes economy minister, markets will fall.",
    "Milei praised Argentina. Nobody knows whether Tomás Weiland was appointed economy minister.",
])
def test_an_office_in_a_condition_is_not_stated(sentence):
    assert "Tomás Weiland" not in roles(sentence)


def test_a_hypothetical_government_states_no_office():
    for sentence in ("Donald Trump spoke. The plan could survive under a potential Trump administration.",
                     "Donald Trump spoke. Tariffs would rise under a second Trump administration."):
        assert ("Donald Trump", "LEADS", "United States") not in read(sentence)


def test_an_official_holds_a_role_only_where_the_sentence_places_it():
    found = roles("Milei praised Argentina. Tomás Weiland, a former official at the Inter-American Development "
                  "Bank, said no.")
    assert found["Tomás Weiland"][:2] == ("HOLDS_ROLE", "Inter-American Development Bank")
    # no place of its own: not the article's country by default
    assert "Tomás Weiland" not in roles("Milei praised Argentina. Tomás Weiland, a senior Treasury official, said no.")
    assert "Tomás Weiland" not in roles("Milei praised Argentina. Tomás Weiland, a veteran diplomat, flew to Lima.")
    assert roles("Milei praised Argentina. Argentina's top diplomat, Tomás Weiland, flew to Lima.")[
        "Tomás Weiland"][:2] == ("HOLDS_ROLE", "Argentina")


@pytest.mark.parametrize("sentence, person, expected", [
    ("Milei praised Argentina. The Fund, under Managing Director Kristalina Georgieva, approved the loan.",
     "Kristalina Georgieva", ("LEADS", "International Monetary Fund")),
    ("Milei praised Argentina. The IMF, under former Managing Director Tomás Weiland, lent money.",
     "Tomás Weiland", ("HOLDS_ROLE", "International Monetary Fund")),
    ("Milei praised Argentina. We asked a friend, and the Treasury, under Secretary Bessent, understood.",
     "Scott Bessent", ("HOLDS_ROLE", "United States Department of the Treasury")),
])
def test_a_body_under_a_titled_person_is_theirs(sentence, person, expected):
    assert roles(sentence)[person][:2] == expected


def test_under_without_a_title_names_no_head():
    assert "Scott Bessent" not in roles("Milei praised Argentina. The Fund acted under pressure from Scott Bessent.")


def test_a_counterpart_from_a_province_or_state_holds_an_office_of_its_country():
    found = roles("Milei praised Argentina. Governor Tomás Weiland objected. His counterpart from Santa Fe, "
                  "Ana Ruiz, agreed.")
    assert found["Ana Ruiz"][:2] == ("HOLDS_ROLE", "Argentina")
    found = roles("Milei praised Argentina. Governor Tomás Weiland objected. Her counterpart from Texas, Ana Ruiz, agreed.")
    assert found["Ana Ruiz"][:2] == ("HOLDS_ROLE", "United States")
    # no place: no office
    assert "Ana Ruiz" not in roles("Milei praised Argentina. His counterpart, Ana Ruiz, agreed.")


# --- ext-precision: shapes that state no relation, each beside a variant that still does -----------

@pytest.mark.parametrize("sentence, unwanted", [
    # a meeting foreseen, not held
    ("President Javier Milei is expected to meet Donald Trump, though no date has been fixed.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("Economy Minister Luis Caputo is likely to meet Scott Bessent next month.",
     ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    # talks ended or never held
    ("Argentina walked away from talks with Brazil on Friday.", ("Argentina", "MET_WITH", "Brazil")),
    ("Chile broke off talks with Peru after the incident.", ("Chile", "NEGOTIATES", "Peru")),
    ("Governor Ana Ruiz cancelled a meeting with Luis Caputo.", ("Ana Ruiz", "MET_WITH", "Luis Caputo")),
    # ties that ended
    ("Argentina is a former ally of Venezuela.", ("Argentina", "ALLIED_WITH", "Venezuela")),
    ("Peru, once a close ally of Chile, changed course.", ("Chile", "ALLIED_WITH", "Peru")),
    # closeness to an outcome is no closeness to an actor
    ("Chile is close to sealing a fisheries accord with Peru.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Uruguay was close to an agreement with Brazil.", ("Brazil", "ALLIED_WITH", "Uruguay")),
    # a reported denial
    ("Officials rejected reports that Javier Milei met Donald Trump in secret.",
     ("Donald Trump", "MET_WITH", "Javier Milei")),
    ("The ministry dismissed claims that Brazil backs Venezuela.", ("Brazil", "SUPPORTS", "Venezuela")),
    ("Luis Caputo denied that Argentina had asked the IMF for money, and the Fund agreed.",
     ("Argentina", "MET_WITH", "International Monetary Fund")),
    # a meeting on a condition; who something is defended against
    ("Luis Caputo would speak with Scott Bessent if the peso slid again.", ("Luis Caputo", "MET_WITH", "Scott Bessent")),
    ("Peru defended its fishing rules against Chile.", ("Peru", "SUPPORTS", "Chile")),
    # refused outright; membership sought
    ("Economy Minister Luis Caputo ruled out a fresh loan from the World Bank.", ("World Bank", "FUNDS", "Argentina")),
    ("The World Bank turned down a request for a loan from Peru.", ("World Bank", "FUNDS", "Peru")),
    ("Chile applied for membership of the OECD last year.",
     ("Chile", "MEMBER_OF", "Organisation for Economic Co-operation and Development")),
    # the second of two coordinated verbs: its subject is the first verb's, its object its own
    ("Peru praised Bolivia's reforms but condemned Chile.", ("Bolivia", "CRITICIZES", "Chile")),
    ("Peru praised the reforms and condemned Chile.", ("Peru", "SUPPORTS", "Chile")),
    # what is preferred over something else: the something else is no object
    ("Peru chose talks with private lenders over a new financing programme from the World Bank.",
     ("Peru", "NEGOTIATES", "new financing programme")),
    ("Chile favoured Bolivia over Peru in the dispute.", ("Chile", "SUPPORTS", "Peru")),
    # a recommendation
    ("Analysts said Peru should align its currency policy with Brazil.", ("Peru", "SUPPORTS", "Brazil")),
    ("Chile ought to back Bolivia in the dispute.", ("Chile", "SUPPORTS", "Bolivia")),
    # a measure about to be announced
    ("Peru is poised to announce new tariffs on Chile and Bolivia.", ("Peru", "IMPOSES", "Chile")),
    # who is spoken about is not met; a noun right before a passive participle is what it describes
    ("Governor Ana Ruiz spoke to journalists about Luis Caputo.", ("Ana Ruiz", "MET_WITH", "Luis Caputo")),
    ("Peru voted for the motion backed by Chile.", ("Chile", "SUPPORTS", "Peru")),
    # meetings called off or only planned; money blocked; support withdrawn
    ("The talks between Chile and Peru were postponed.", ("Chile", "MET_WITH", "Peru")),
    ("A planned meeting between Governor Ana Ruiz and Luis Caputo was shelved.", ("Ana Ruiz", "MET_WITH", "Luis Caputo")),
    ("Chile blocked a loan to Peru from the World Bank.", ("World Bank", "FUNDS", "Peru")),
    ("Chile backed away from its support for Peru.", ("Chile", "SUPPORTS", "Peru")),
    ("The World Bank suspended its loans to Peru.", ("World Bank", "FUNDS", "Peru")),
    ("Chile condemned the ruling but did not name Peru.", ("Chile", "CRITICIZES", "Peru")),
    ("Chile praised Bolivia and has condemned Peru.", ("Bolivia", "CRITICIZES", "Peru")),
])
def test_plans_ended_ties_and_denials_state_nothing(sentence, unwanted):
    assert unwanted not in read(sentence)


@pytest.mark.parametrize("sentence, wanted, why", [
    ("President Javier Milei met Donald Trump at the White House.", ("Donald Trump", "MET_WITH", "Javier Milei"),
     "rule:met-name"),
    ("Argentina held talks with Brazil on Friday.", ("Argentina", "MET_WITH", "Brazil"), "rule:met-with"),
    ("Argentina is a close ally of Israel.", ("Argentina", "ALLIED_WITH", "Israel"), "rule:ally-of"),
    ("Chile is close to Peru on fisheries.", ("Chile", "ALLIED_WITH", "Peru"), "rule:close-to"),
    ("Officials rejected reports of a rift, and Javier Milei met Donald Trump on Tuesday.",
     ("Donald Trump", "MET_WITH", "Javier Milei"), "rule:met-name"),
    ("Luis Caputo spoke with Scott Bessent after the peso slid again.", ("Luis Caputo", "MET_WITH", "Scott Bessent"),
     "rule:met-with"),
    ("Peru defended Chile against the charges.", ("Peru", "SUPPORTS", "Chile"), "rule:support-verb"),
    ("The World Bank approved a fresh loan to Peru on Friday.", ("World Bank", "FUNDS", "Peru"), "rule:funds-verb"),
    ("Chile has been a member of the OECD since 2010.",
     ("Chile", "MEMBER_OF", "Organisation for Economic Co-operation and Development"), "rule:member-of"),
    ("Peru praised Bolivia's reforms but condemned Chile.", ("Peru", "CRITICIZES", "Chile"), "rule:criticize-verb"),
    ("Peru praised the reforms and condemned Chile.", ("Peru", "CRITICIZES", "Chile"), "rule:criticize-verb"),
    ("Chile favoured Bolivia over Peru in the dispute.", ("Chile", "SUPPORTS", "Bolivia"), "rule:support-verb"),
    ("Analysts said Peru aligned its currency policy with Brazil.", ("Peru", "SUPPORTS", "Brazil"), "rule:support-verb"),
    ("Peru announced new tariffs on Chile and Bolivia.", ("Peru", "IMPOSES", "Chile"), "rule:tariffs-on"),
    ("Chile denied that the loan was a rescue, saying Peru backs Bolivia.", ("Peru", "SUPPORTS", "Bolivia"),
     "rule:support-verb"),
    ("Governor Ana Ruiz spoke to Luis Caputo about the budget.", ("Ana Ruiz", "MET_WITH", "Luis Caputo"),
     "rule:met-with"),
    ("Peru, backed by Chile, won the vote.", ("Chile", "SUPPORTS", "Peru"), "rule:supported-by"),
    ("The talks between Chile and Peru ended on Friday.", ("Chile", "MET_WITH", "Peru"), "rule:meeting-between"),
    ("Chile backed Peru in the dispute.", ("Chile", "SUPPORTS", "Peru"), "rule:support-verb"),
    ("The World Bank extended new loans to Peru.", ("World Bank", "FUNDS", "Peru"), "rule:funds-verb"),
    ("Chile praised Bolivia and has condemned Peru.", ("Chile", "CRITICIZES", "Peru"), "rule:criticize-verb"),
])
def test_the_plain_statements_beside_them_are_still_read(sentence, wanted, why):
    assert read(sentence).get(wanted) == why


# --- ext-stance3: the round-5 stance shapes, read and not read ---
@pytest.mark.parametrize("sentence, wanted, why", [
    ("Relations between Chile and Peru have never been closer.", ("Chile", "ALLIED_WITH", "Peru"), "rule:ties-described"),
    ('Diplomats say the ties between Chile and Peru are "stronger than ever."', ("Chile", "ALLIED_WITH", "Peru"),
     "rule:ties-described"),
    ("The United States and Argentina signed a deal. American union leader Ana Ruiz has denounced the tariff policy "
     "of her government.", ("Ana Ruiz", "CRITICIZES", "United States"), "rule:criticize-verb"),
    ('Governor Ana Ruiz branded Economy Minister Luis Caputo "a danger to the provinces."',
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo"), "rule:labelled-as"),
    ('According to Governor Ana Ruiz, Economy Minister Luis Caputo "misled the provinces."',
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo"), "rule:according-to"),
    ("Economy Minister Luis Caputo has the backing of the International Monetary Fund and the World Bank.",
     ("World Bank", "SUPPORTS", "Luis Caputo"), "rule:stance-received"),
    ("Governor Ana Ruiz, along with Senator Rick Scott, attacked Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo"), "rule:criticize-verb"),
    ("Governor Ana Ruiz, along with Senator Rick Scott, attacked Economy Minister Luis Caputo.",
     ("Rick Scott", "CRITICIZES", "Luis Caputo"), "rule:criticize-verb"),
    ("Governor Ana Ruiz, who has rarely missed a chance to praise Economy Minister Luis Caputo, spoke.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo"), "rule:praise-bare"),
    ("Governor Ana Ruiz never misses an opportunity to attack Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo"), "rule:criticize-verb"),
    ("Peru held elections. The firm backing of Chile for the Peruvian economic programme calmed the markets.",
     ("Chile", "SUPPORTS", "Peru"), "rule:support-of-for"),
    ("President Donald Trump's support for President Javier Milei is shared by Senator Ana Ruiz.",
     ("Ana Ruiz", "SUPPORTS", "Javier Milei"), "rule:shared-stance"),
    ("Senator Ana Ruiz accused Treasury Secretary Scott Bessent of hiding the currency swap with Argentina.",
     ("Ana Ruiz", "CRITICIZES", "Scott Bessent"), "rule:criticize-verb"),
    ("Governor Ana Ruiz had been one of the sharpest critics of the fiscal policy of the government of "
     "President Javier Milei.", ("Ana Ruiz", "CRITICIZES", "Argentina"), "rule:critical-of"),
    ("Argentine Governor Ana Ruiz, who has clashed with the national government over taxes, spoke. "
     "The United States and Argentina signed a deal. The United States praised it.",
     ("Ana Ruiz", "CRITICIZES", "Argentina"), "rule:criticize-verb"),
])
def test_stance_shapes_of_round_five_are_read(sentence, wanted, why):
    assert read(sentence).get(_key(*wanted)) == why


@pytest.mark.parametrize("sentence, unwanted", [
    ("Governor Ana Ruiz does not disagree with Economy Minister Luis Caputo.", ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Governor Ana Ruiz refused to praise Economy Minister Luis Caputo.", ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Chile's ties with Peru are not close.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Relations between Chile and Peru are close to collapse.", ("Chile", "ALLIED_WITH", "Peru")),
    ("The World Bank opened an investigation into Peru.", ("World Bank", "CRITICIZES", "Peru")),
    ("Chile fought the 1879 war against Peru.", ("Chile", "CRITICIZES", "Peru")),
    ("Chile's ties with Peru have never been weaker.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Chile and Peru had good relations until 2019.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Chile and Peru do not enjoy good relations.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Peru no longer regards Chile as a trusted partner.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Does Peru regard Chile as a trusted partner?", ("Chile", "ALLIED_WITH", "Peru")),
    ("Governor Ana Ruiz did not ask Economy Minister Luis Caputo to step down.", ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Will Governor Ana Ruiz call for an inquiry into Economy Minister Luis Caputo?",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Governor Ana Ruiz was urged by colleagues to back Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz urged the senators not to back Economy Minister Luis Caputo.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz and Economy Minister Luis Caputo fought alongside each other.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Governor Ana Ruiz asked Economy Minister Luis Caputo to explain the budget.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("The CGT called off its general strike against President Javier Milei.", ("CGT", "CRITICIZES", "Javier Milei")),
    ("Governor Ana Ruiz, along with Senator Rick Scott, did not attack Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ('"Is Economy Minister Luis Caputo a danger to the provinces?" Governor Ana Ruiz asked.',
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ('Governor Ana Ruiz did not brand Economy Minister Luis Caputo "a danger to the provinces."',
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Governor Ana Ruiz has never spoken highly of Economy Minister Luis Caputo.", ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz is expected to speak harshly of Economy Minister Luis Caputo.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Governor Ana Ruiz had no harsh words for Economy Minister Luis Caputo.", ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Is Chile hoping to find a new ally in Peru?", ("Chile", "ALLIED_WITH", "Peru")),
    ("Chile and Peru are not building an alliance.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Chile and Peru may forge a partnership.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Analysts asked whether Chile and Peru were building an alliance.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Governor Ana Ruiz's opposition to Economy Minister Luis Caputo has faded.", ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Opposition to Economy Minister Luis Caputo from Governor Ana Ruiz has softened.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("There was no criticism of Economy Minister Luis Caputo from Governor Ana Ruiz.",
     ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Did support for Economy Minister Luis Caputo from Governor Ana Ruiz grow?", ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("The United States and Argentina signed a deal. American union leader Ana Ruiz has not denounced the tariff "
     "policy of her government.", ("Ana Ruiz", "CRITICIZES", "United States")),
    # a pronoun's government whose owner has no known country is nobody's, not the article's country
    ("The United States and Argentina signed a deal. Ana Ruiz has denounced the policy of her government.",
     ("Ana Ruiz", "CRITICIZES", "United States")),
    ("Will Governor Ana Ruiz praise Economy Minister Luis Caputo?", ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz urged Senator Rick Scott to praise Economy Minister Luis Caputo.",
     ("Rick Scott", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz missed a chance to praise Economy Minister Luis Caputo.", ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    ("Governor Ana Ruiz might disagree with Economy Minister Luis Caputo.", ("Ana Ruiz", "CRITICIZES", "Luis Caputo")),
    ("Analysts asked whether the ties between Chile and Peru were stronger than ever.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Relations between Chile and Peru are not close.", ("Chile", "ALLIED_WITH", "Peru")),
    ("Economy Minister Luis Caputo faced questions. Senator Ana Ruiz did not come to his defence.",
     ("Ana Ruiz", "SUPPORTS", "Luis Caputo")),
    # who "his" is when no one precedes it in the sentence takes the pronoun's gender: nobody is chosen
    ("Senator Ana Ruiz attacked Economy Minister Luis Caputo. Republicans came to his defence.",
     ("Republican Party", "SUPPORTS", "Ana Ruiz")),
    ("Peru and Chile signed a free trade agreement. The free trade agreement was not welcomed by Bolivia.",
     ("Bolivia", "SUPPORTS", "Chile–Peru trade agreement")),
    ("Peru and Chile signed a free trade agreement. Was the free trade agreement welcomed by Bolivia?",
     ("Bolivia", "SUPPORTS", "Chile–Peru trade agreement")),
    ("President Donald Trump was welcomed by Senator Ana Ruiz.", ("Ana Ruiz", "SUPPORTS", "Donald Trump")),
    ("The support of President Donald Trump for President Javier Milei is not guaranteed.",
     ("Donald Trump", "SUPPORTS", "Javier Milei")),
    ("The support of Chile for Peru was withdrawn in May.", ("Chile", "SUPPORTS", "Peru")),
    ("Chile lost the support of Bolivia for Peru.", ("Bolivia", "SUPPORTS", "Peru")),
    ("Is the support of Chile for Peru real?", ("Chile", "SUPPORTS", "Peru")),
    ("President Donald Trump's support for President Javier Milei is not shared by Senator Ana Ruiz.",
     ("Ana Ruiz", "SUPPORTS", "Javier Milei")),
    ("Governor Ana Ruiz denied accusing Treasury Secretary Scott Bessent of hiding the swap.",
     ("Ana Ruiz", "CRITICIZES", "Scott Bessent")),
])
def test_stance_shapes_of_round_five_respect_negation_hedges_and_questions(sentence, unwanted):
    assert _key(*unwanted) not in read(sentence)


def test_a_stance_on_someones_act_is_on_its_owner():
    """ext-stance3: 'Trump's endorsement of Milei drew criticism from X': X criticises Trump, not Milei."""
    found = read("President Donald Trump's endorsement of President Javier Milei drew criticism from Senator Ana Ruiz.")
    assert found.get(("Ana Ruiz", "CRITICIZES", "Donald Trump")) == "rule:stance-received"
    assert ("Ana Ruiz", "CRITICIZES", "Javier Milei") not in found
    found = read("President Donald Trump's support for President Javier Milei was criticised by Senator Ana Ruiz.")
    assert found.get(("Ana Ruiz", "CRITICIZES", "Donald Trump")) == "rule:criticized-by"
    assert ("Ana Ruiz", "CRITICIZES", "Javier Milei") not in found
    # with no act of someone else's before it, the one named is still the target
    assert ("Ana Ruiz", "SUPPORTS", "Javier Milei") in read("President Javier Milei's reforms drew praise from Senator Ana Ruiz.")


def test_thanking_a_chamber_for_its_vote_is_no_support():
    """ext-stance3: issue 12's known wrong reading; a person thanked beside it still is."""
    found = read("President Javier Milei thanked Congress for approving the budget.")
    assert not [k for k in found if k[1] == "SUPPORTS"]
    found = read("President Javier Milei thanked Congress and President Donald Trump.")
    assert found.get(("Javier Milei", "SUPPORTS", "Donald Trump")) == "rule:praise-verb"


def test_a_speaker_line_above_a_quotation_names_its_speaker():
    """ext-stance3: a roundup's or interview's 'NAME, TITLE:' line attributes the quotation below it."""
    text = ("Chile and Peru signed a trade deal. Governor Ana Ruiz of Salta spoke first.\n\n"
            "ANA RUIZ, GOVERNOR OF SALTA:\n"
            '"Economy Minister Luis Caputo has betrayed the provinces. It is a disaster."\n')
    assert read(text).get(("Ana Ruiz", "CRITICIZES", "Luis Caputo")) == "rule:quoted-criticism"
    negated = text.replace("has betrayed the provinces. It is a disaster.", "has not been a disaster for anyone.")
    assert ("Ana Ruiz", "CRITICIZES", "Luis Caputo") not in read(negated)
    # a section heading names no speaker
    plain = ("Chile and Peru signed a trade deal.\n\nREACTIONS:\n"
             '"Economy Minister Luis Caputo has betrayed the provinces," said Governor Ana Ruiz of Salta.\n')
    assert read(plain).get(("Ana Ruiz", "CRITICIZES", "Luis Caputo")) == "rule:quoted-criticism"
    unnamed = "Chile and Peru signed a trade deal.\n\nREACTIONS, IN BRIEF:\n" \
              '"Economy Minister Luis Caputo has betrayed the provinces."\n'
    assert not [k for k in read(unnamed) if k[1] == "CRITICIZES"]


def test_an_unlike_aside_is_no_subject():
    """ext-stance3: 'X, unlike Y, praised Z': X praised Z, not Y (a critic attached to the wrong person)."""
    found = read("Senator Ana Ruiz, unlike Senator Rick Scott, praised Economy Minister Luis Caputo.")
    assert found.get(("Ana Ruiz", "SUPPORTS", "Luis Caputo")) == "rule:support-verb"
    assert ("Rick Scott", "SUPPORTS", "Luis Caputo") not in found
# --- ext-deals3: parties, negotiation, membership, money, measures -----------------------------

DEALS3_EXAMPLES = [
    ("lends-amount", "The World Bank sent Uruguay another $2 billion last week.", ("World Bank", "FUNDS", "Uruguay")),
    ("possessive-agreement", "Chile's trade agreement with Japan angered Peru.",
     ("Japan", "PARTY_TO", "Chile–Japan trade agreement")),
    ("possessive-agreement", "Beijing's own swap with Uruguay remains fully in force.",
     ("China", "PARTY_TO", "China–Uruguay currency swap")),
    ("funds-verb", "Uruguay needed dollars in March. Goldman Sachs and Citigroup lent the central bank $3 billion.",
     ("Citigroup", "FUNDS", "Central Bank of Uruguay")),
]


@pytest.mark.parametrize("rule,sentence,expected", DEALS3_EXAMPLES, ids=[e[0] for e in DEALS3_EXAMPLES])
def test_ext_deals3_rules_read_their_examples(rule, sentence, expected):
    found = read(sentence)
    expected = _key(*expected)
    assert found.get(expected) == f"rule:{rule}", f"{rule}: {sentence!r} gave {found}"


@pytest.mark.parametrize("sentence,unwanted", [
    # a borrower extending its own line funds nobody new; it remains a party
    ("Uruguay extended its swap line with China for three more years.", ("Uruguay", "FUNDS", "China")),
    ("Uruguay renewed its currency swap with China in May.", ("Uruguay", "FUNDS", "China")),
    ("Uruguay has not tapped its swap line with China.", ("China", "FUNDS", "Uruguay")),
    # an offer turned down lends nothing
    ("China offered Uruguay a loan, but President Yamandú Orsi said no.", ("China", "FUNDS", "Uruguay")),
    ("China offered a $5 billion loan to Uruguay, but Uruguay turned it down.", ("China", "FUNDS", "Uruguay")),
    ("The World Bank offered to lend Paraguay $1 billion, but Paraguay declined the offer.",
     ("World Bank", "FUNDS", "Paraguay")),
    ("Minera Sur is not a unit of Grupo Andes.", ("Minera Sur", "MEMBER_OF", "Grupo Andes")),
    ("Uruguay sent the World Bank $800 million.", ("Uruguay", "FUNDS", "World Bank")),
    ("The World Bank did not send Uruguay $2 billion.", ("World Bank", "FUNDS", "Uruguay")),
    ("Uruguay may tap the World Bank for $2 billion.", ("World Bank", "FUNDS", "Uruguay")),
    ("Ana Ruiz, a former stalwart of the Justicialist Party, spoke.", ("Ana Ruiz", "MEMBER_OF", "Justicialist Party")),
    ("Ana Ruiz, a critic of the Justicialist Party, spoke.", ("Ana Ruiz", "MEMBER_OF", "Justicialist Party")),
    ("Uruguay is not one of the OECD's members.",
     ("Uruguay", "MEMBER_OF", "Organisation for Economic Co-operation and Development")),
    ("Chile criticised Mercosur's members.", ("Chile", "MEMBER_OF", "Mercosur")),
    ("Mercosur, which no longer includes Venezuela, met on Monday.", ("Venezuela", "MEMBER_OF", "Mercosur")),
    ("Minera Sur, a rival of Grupo Andes, bought the mine.", ("Minera Sur", "MEMBER_OF", "Grupo Andes")),
    ("Senators led by Tom Hale wrote to the Treasury.", ("Tom Hale", "MEMBER_OF", "Democratic Party")),
    ("Tom Hale, the panel's former Democrat, asked for the files.", ("Tom Hale", "MEMBER_OF", "Democratic Party")),
    ("There were no talks between Chile and Peru over a fisheries agreement.",
     ("Peru", "NEGOTIATES", "Chile–Peru fisheries agreement")),
    ("Chile's planned trade deal with Japan worries Peru.", ("Japan", "PARTY_TO", "Chile–Japan trade agreement")),
    ("Chile's trade deal with Japan is still being negotiated.", ("Japan", "PARTY_TO", "Chile–Japan trade agreement")),
    ("Uruguay's currency swap with China is worth $18 billion.", ("Uruguay", "FUNDS", "China")),
    ("Uruguay needed dollars. Goldman Sachs did not lend the central bank $3 billion.",
     ("Goldman Sachs", "FUNDS", "Central Bank of Uruguay")),
    ("President Santiago Peña rejected a loan from China.", ("China", "FUNDS", "Paraguay")),
    ("Paraguay turned down a $5 billion credit line from China.", ("China", "FUNDS", "Paraguay")),
    ("President Santiago Peña rejected China's offer of a $5 billion loan to Paraguay.",
     ("Santiago Peña", "PARTY_TO", "Paraguay–China loan")),
])
def test_ext_deals3_negated_and_refused_state_nothing(sentence, unwanted):
    found = read(sentence)
    assert unwanted not in found, f"{sentence!r} gave {found}"
    assert not [k for k in found if k[1] == "FUNDS" and "offer" in sentence], found


def test_ext_deals3_the_office_holder_in_an_appositive_is_the_counterpart():
    found = read("Uruguay is in regular discussions with Chile's central bank governor, Rosanna Costa, on the swap.")
    assert found.get(("Uruguay", "NEGOTIATES", "Rosanna Costa")) == "rule:in-talks-with", found
    assert ("Uruguay", "NEGOTIATES", "Central Bank of Chile") not in found
    found = read("The World Bank is negotiating with Chile's finance minister, Mario Marcel, over the loan.")
    assert found.get(("World Bank", "NEGOTIATES", "Mario Marcel")) == "rule:negotiate-verb", found
    assert not [k for k in read("The World Bank did not negotiate with Chile's finance minister, Mario Marcel.")
                if k[1] == "NEGOTIATES"]


def test_ext_deals3_a_measure_imposed_by_an_agent_reaches_its_target_not_the_subject():
    found = read("Chile sells copper. The steelworkers' union condemned the 25% tariff imposed by the government of "
                 "Japan on Chilean copper.")
    assert found.get(("Japan", "IMPOSES", "Chile")) == "rule:imposed-by", found
    assert not [k for k in found if k[1] == "IMPOSES" and k[2] != "Chile"], found
    found = read("Peru sells fishmeal. Peru's exporters fear the duties imposed by Chile on Peruvian fishmeal.")
    assert found.get(("Chile", "IMPOSES", "Peru")) == "rule:imposed-by", found
    assert not [k for k in read("Chile sells copper. The union condemned the tariffs that were never imposed by Japan "
                                "on Chilean copper.")
                if k[1] == "IMPOSES"]
    assert not [k for k in read("Chile and Japan trade. The treaty cuts Chilean tariffs on Japanese cars.")
                if k[1] == "IMPOSES"]


def test_ext_deals3_signing_off_on_a_review_releases_money_and_signs_nothing():
    found = read("The World Bank's board signed off on the second review of Uruguay's $2 billion program, "
                 "releasing $300 million.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")) == "rule:lender-release", found
    assert not [k for k, why in found.items() if why == "rule:signed"], found
    found = read("The World Bank's board has not signed off on the review of Uruguay's $2 billion program.")
    assert ("World Bank", "FUNDS", "Uruguay") not in found


def test_ext_deals3_a_line_kept_and_a_deal_signed_with_a_partner():
    found = read("Uruguay needed dollars. The People's Bank of China keeps a $5 billion swap with the central bank.")
    assert found.get(("People's Bank of China", "FUNDS", "Central Bank of Uruguay")) == "rule:loan-funds", found
    found = read("Uruguay maintains a currency swap with China.")
    assert found.get(("Uruguay", "PARTY_TO", "China–Uruguay currency swap")) == "rule:loan-parties", found
    assert not [k for k in found if k[1] == "FUNDS"], found
    assert not read("Uruguay does not maintain a currency swap with China.")
    found = read("The trade deal Chile signed with Japan angered Peru.")
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:signed", found
    found = read("The trade deal Chile has not signed with Japan angered Peru.")
    assert ("Japan", "PARTY_TO", "Chile–Japan trade agreement") not in found, found


def test_ext_deals3_an_extended_line_keeps_both_parties():
    found = read("Uruguay extended its swap line with China for three more years.")
    assert found.get(("Uruguay", "PARTY_TO", "China–Uruguay currency swap")) == "rule:loan-parties"
    assert found.get(("China", "PARTY_TO", "China–Uruguay currency swap")) == "rule:loan-parties"
    assert read("China offered Uruguay a loan, and Uruguay accepted it.").get(("China", "FUNDS", "Uruguay"))


def test_ext_deals3_a_bloque_is_a_party_bloc():
    found = read("The provincial deputy Ana Ruiz of the Bloque Renovador criticised the governor.")
    assert found.get(("Ana Ruiz", "MEMBER_OF", "Bloque Renovador")) == "rule:name-of-party", found
    assert not [k for k in read("The provincial deputy Ana Ruiz of Mendoza criticised the governor.") if k[1] == "MEMBER_OF"]


def test_ext_deals3_an_accord_between_two_sides_unless_never_made():
    found = read("The accord between Chile and Peru took effect in May.")
    assert found.get(("Peru", "PARTY_TO", "Chile–Peru agreement")) == "rule:agreement-between", found
    assert not [k for k in read("The pact between Chile and Peru was never ratified.") if k[1] == "PARTY_TO"]
    assert not [k for k in read("The trade agreement between Chile and Peru has yet to be signed.") if k[1] == "PARTY_TO"]


def test_ext_deals3_financing_received_from_a_lender():
    found = read("Uruguay will receive financing from the World Bank for roads.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")) == "rule:loan-from", found
    assert not [k for k in read("Uruguay did not receive financing from the World Bank.") if k[1] == "FUNDS"]
    assert not [k for k in read("Uruguay hopes to receive financing from the World Bank.") if k[1] == "FUNDS"]
    found = read("Uruguay secured loans from China and Japan.")
    assert found.get(("Japan", "FUNDS", "Uruguay")), found
    assert ("Uruguay", "SUPPORTS", "Japan") not in found, found  # securing a loan backs no one


def test_ext_deals3_under_a_deal_in_a_saying_clause_is_that_clause_s():
    text = "Japan raised tariffs on Chilean copper, saying imports had surged under the bilateral trade agreement."
    found = read("Chile and Japan trade. " + text)
    assert ("Japan", "PARTY_TO", "Chile–Japan trade agreement") not in found, found
    found = read("Chile and Japan trade. Chile cut tariffs under the trade agreement with Japan.")
    assert found.get(("Chile", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:under-agreement", found


def test_ext_deals3_a_loan_with_no_borrower_named_goes_home_only_when_made():
    found = read("Uruguay needs water. The World Bank approved a $500 million loan for water works in the north.")
    assert ("World Bank", "SUPPORTS", "$500 million loan") not in found, found  # its own loan, no support
    assert not [k for k in found if k[1] == "PARTY_TO"], found  # an amount names no agreement's sides
    for sentence in ("Uruguay needs water. The World Bank may approve a $500 million loan for water works.",
                     "Uruguay needs water. The World Bank approved a $500 million loan for water works in Chile."):
        assert ("World Bank", "FUNDS", "Uruguay") not in read(sentence), sentence


def test_ext_deals3_an_agreement_takes_its_sides_from_the_relative_clause_after_it():
    found = read("Peru and Chile trade fish. The trade framework that the Chilean government signed with Japan "
                 "in November is a mistake.")
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:signed", found
    assert not [k for k in found if k[2] == "Chile–Peru trade agreement"], found


def test_ext_deals3_one_counted_among_those_that_signed_and_a_relative_to_which():
    found = read("Uruguay was among the countries that signed the Paris Agreement.")
    assert found.get(("Uruguay", "PARTY_TO", "Paris Agreement")) == "rule:signed", found
    assert not read("Uruguay is one of the few nations that have not signed the Paris Agreement.")
    assert not [k for k in read("The Paris Agreement, to which Uruguay has not adhered, was discussed.") if k[1] == "PARTY_TO"]
    assert not [k for k in read("The Paris Agreement, to which Uruguay objected, was discussed.") if k[1] == "PARTY_TO"]


def test_ext_deals3_a_legislature_ratifying_names_its_country_as_the_side():
    found = read("Chile and Japan trade. The Chilean Senate ratified the trade agreement with Japan.")
    assert ("Japan", "PARTY_TO", "Chile–Japan trade agreement") in found, found
    assert not [k for k in found if "Senate" in k[2]], found


def test_ext_deals3_a_deal_which_two_coordinated_sides_signed():
    found = read("The trade deal, which Chile and Japan signed in November, cuts tariffs.")
    assert found.get(("Chile", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:signed", found
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:signed", found
    assert not [k for k in read("The trade deal that Chile and Japan have not signed worries Peru.") if k[1] == "PARTY_TO"]


def test_ext_deals3_a_negotiator_named_is_no_counterpart():
    found = read("Chile's chief negotiator, Ana Ruiz, met President Santiago Peña.")
    assert not [k for k in found if k[1] == "NEGOTIATES"], found


def test_ext_deals3_money_received_by_a_person_reaches_his_country():
    found = read("Paraguay needs money. President Santiago Peña received a loan from China in May.")
    assert found.get(("China", "FUNDS", "Paraguay")) == "rule:loan-from", found
    assert ("China", "FUNDS", "Santiago Peña") not in found


def test_ext_deals3_amounts_written_usd():
    found = read("The World Bank lent Uruguay USD 500 million in May.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")) == "rule:lends-amount", found
    found = read("Uruguay received USD 2 billion from the World Bank.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")), found
    assert not [k for k in read("Uruguay did not receive USD 2 billion from the World Bank.") if k[1] == "FUNDS"]


def test_ext_deals3_amounts_written_in_dollars_after_the_number():
    found = read("The World Bank lent Uruguay 500 million dollars in May.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")) == "rule:lends-amount", found
    found = read("Uruguay received 2 billion dollars from the World Bank.")
    assert found.get(("World Bank", "FUNDS", "Uruguay")) == "rule:amount-from", found
    assert not [k for k in read("Uruguay did not receive 2 billion dollars from the World Bank.") if k[1] == "FUNDS"]


def test_ext_deals3_a_memorandum_of_understanding_is_an_agreement():
    found = read("Chile and Japan signed a memorandum of understanding on critical minerals.")
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan critical minerals agreement")) == "rule:signed", found
    found = read("Chile signed a memorandum of understanding with Japan on lithium.")
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan memorandum")) == "rule:signed", found
    assert not [k for k in read("Chile has not signed a memorandum of understanding with Japan.") if k[1] == "PARTY_TO"]


def test_ext_deals3_an_agreement_signed_with_a_partner_in_a_reduced_relative():
    found = read("Chile and Japan trade. The trade agreement signed with Japan in November cuts tariffs.")
    assert found.get(("Japan", "PARTY_TO", "Chile–Japan trade agreement")) == "rule:signed", found
    found = read("Chile and Japan trade. The trade agreement never signed with Japan worries Peru.")
    assert not [k for k in found if k[1] == "PARTY_TO"], found


# ext-roles3: items of a wire round-up or factbox headed by a line in capitals
@pytest.mark.parametrize("text, person, expected", [
    ('TOMÁS WEILAND, PRESIDENT OF THE RIO PLATA MILLERS FEDERATION:\n"Prices will rise," he said.',
     "Tomás Weiland", ("LEADS", "Rio Plata Millers Federation", "president")),
    ("ANA QUIROGA, U.S. TRADE REPRESENTATIVE:\nShe declined to comment on the quota.",
     "Ana Quiroga", ("HOLDS_ROLE", "United States")),
    ("MARTA SOSA, CGT CO-SECRETARY GENERAL:\nThe union will strike on Monday, Sosa said.",
     "Marta Sosa", ("LEADS", "CGT")),
])
def test_a_speaker_and_office_heading_an_item_in_capitals(text, person, expected):
    found = roles(text)
    assert found[person][:len(expected)] == expected
    assert read(text)[(person, expected[0], expected[1])] == "rule:appositive-role"


@pytest.mark.parametrize("text", [
    # a slogan or a section in capitals names nobody; a line that is no "NAME, OFFICE:" stays as written
    "MAKE ARGENTINA GREAT AGAIN, SAYS THE CROWD\nThe rally ended at noon.",
    "TOMÁS WEILAND SAYS PRICES WILL RISE:\nThe miller spoke on Monday.",
])
def test_capital_lines_that_are_no_speaker_heading_name_no_office(text):
    assert roles(text) == {}


def test_a_capital_heading_that_is_a_known_body_names_it():
    ents, _ = RuleExtractor().analyse(Document("t", "WORLD BANK\n* Pledged $2 billion to Peru in May.",
                                               "t.txt", "t", "", "2025-09"))
    assert "World Bank" in ents.entities
    ents, _ = RuleExtractor().analyse(Document("t", "PRIVATE BANKS\n* Three lent $1 billion to Peru.",
                                               "t.txt", "t", "", "2025-09"))
    assert not any(e.label == "Organization" for e in ents.entities.values())


# ext-roles3: an office only an organisation has, placed at the body the sentence names
@pytest.mark.parametrize("text, person, expected", [
    ("The Andean Reserve Fund approved the loan; Managing Director Tomás Weiland praised Peru.",
     "Tomás Weiland", ("LEADS", "Andean Reserve Fund")),
    ("Peru spoke first. The Andean Reserve Fund then met. Managing Director Tomás Weiland praised Peru.",
     "Tomás Weiland", ("LEADS", "Andean Reserve Fund")),
    ("Chief executive Tomás Weiland said the cut was needed, but Pampa Norte Company staff disagreed.",
     "Tomás Weiland", ("LEADS", "Pampa Norte Company")),
])
def test_an_office_only_a_body_has_is_held_at_the_body_named(text, person, expected):
    assert roles(text)[person][:2] == expected
    assert read(text)[(person, expected[0], expected[1])] == "rule:title-role"


@pytest.mark.parametrize("text", [
    "Peru spoke in Lima, and Managing Director Tomás Weiland praised it.",
    "Chief executive Tomás Weiland told Pampa Radio that Peru was safe.",
])
def test_an_office_only_a_body_has_is_never_the_countrys(text):
    assert "Tomás Weiland" not in roles(text)


@pytest.mark.parametrize("text, person, expected", [
    # "whose" after a body, with or without commas; an honorific and a bracketed acronym between
    ("Peru spoke. The Rio Plata Millers Federation, whose president Tomás Weiland spoke, agreed.",
     "Tomás Weiland", ("LEADS", "Rio Plata Millers Federation")),
    ("Peru spoke. Acme Mining, whose chief executive, Eng. Tomás Weiland, joined the delegation, agreed.",
     "Tomás Weiland", ("LEADS", "Acme Mining")),
    ("Peru spoke. The Vice President of the Rio Plata Millers Federation (RPMF), Dr. Tomás Weiland, agreed.",
     "Tomás Weiland", ("HOLDS_ROLE", "Rio Plata Millers Federation")),
])
def test_whose_offices_honorifics_and_bracketed_acronyms(text, person, expected):
    assert roles(text)[person][:2] == expected


def test_a_person_whose_office_no_body_owns_gets_none_from_whose():
    # "whose" after a person: a relative clause about the person, no office of a body
    assert roles("Peru spoke. Ana Quiroga, whose brother Tomás Weiland spoke, agreed.").get("Tomás Weiland") is None


def test_a_union_named_by_its_members_is_an_organisation():
    ents, _ = RuleExtractor().analyse(Document("t", "The United Steelworkers backed the strike in Peru.",
                                               "t.txt", "t", "", "2025-09"))
    assert ents.entities["United Steelworkers"].label == "Organization"


def test_a_deputy_of_a_bloque_is_a_member_of_it():
    # ext-roles3: "Bloque" is Spanish for a parliamentary bloc
    found = read("Argentina voted. The provincial deputy Ana Quiroga of the Bloque Renovador criticised the deal.")
    assert found[("Ana Quiroga", "MEMBER_OF", "Bloque Renovador")] == "rule:name-of-party"
    assert ("Ana Quiroga", "HOLDS_ROLE", "Bloque Renovador") not in found


@pytest.mark.parametrize("sentence", [
    # ext-roles3: negated, hedged, conditional or future meetings, and a firm's executives
    "Peter Hale never met the rector of the University of Lima, Ana Paz.",
    "Ana Paz did not meet officials of the World Bank.",
    "Ana Paz is expected to meet officials of the World Bank.",
    "Did Ana Paz meet officials of the World Bank?",
    "Ana Paz met executives of the World Bank in March.",
    "If Luis Caputo and Scott Bessent meet in Washington, markets will rally.",
    "Luis Caputo and Scott Bessent meet in Washington next week.",
])
def test_meetings_not_held_or_with_a_firms_staff_are_not_read_by_the_new_triggers(sentence):
    assert not {why for why in read(sentence).values()} & {"rule:met-office-holder", "rule:met-officials-of",
                                                           "rule:meet-mutual-present"}


def test_a_plural_appositive_is_no_subject_of_the_verb_after_it():
    # ext-roles3: "X and Y, two governors whose votes Z needs, met ...": X and Y met, not Z
    found = read("Ana Paz and Tomás Weiland, two governors whose votes the Casa Rosada needs, met officials of the "
                 "World Bank.")
    assert found.get(("Ana Paz", "MET_WITH", "World Bank")) == "rule:met-officials-of"
    assert ("Argentina", "MET_WITH", "World Bank") not in found


@pytest.mark.parametrize("text, person, place", [
    # ext-roles3: a central bank's head is at the bank of the country the office names
    ("Treasury staff talked with Chile's central bank governor, Rosanna Costa, on Monday.", "Rosanna Costa",
     "Central Bank of Chile"),
    ("Central bank president Tomás Weiland said so in Peru.", "Tomás Weiland", "Central Bank of Peru"),
    # "Senator X of Georgia": the US state, not the country
    ("Asked by Senator Ana Paz of Georgia, Scott Bessent said no.", "Ana Paz", "United States"),
])
def test_central_bank_heads_and_senators_of_a_state(text, person, place):
    assert roles(text)[person][1] == place


def test_a_governor_with_no_central_bank_named_beside_him_is_no_bankers():
    assert roles("Peru spoke. Governor Tomás Weiland of Lima met the bank's staff.")["Tomás Weiland"][1] == "Peru"
    assert roles("Senator Ana Paz of Peru spoke.")["Ana Paz"][1] == "Peru"


@pytest.mark.parametrize("sentence", [
    # ext-roles3: occupations and plain nouns in the plural are no office
    "Peru spoke. Economists such as Ana Paz disagreed.",
    "Peru spoke. People like Ana Paz disagreed.",
    "Peru spoke. Friends, including Ana Paz, disagreed.",
])
def test_a_plural_that_is_no_office_gives_none_to_the_list_after_it(sentence):
    assert "Ana Paz" not in roles(sentence)


def test_the_bodies_named_by_modifiers_and_a_name_after_of_are_organisations():
    # ext-roles3: "National Confederation of Industry": modifiers before the keyword, a name after "of"
    found = read("Brazil's National Confederation of Industry, led by Ana Paz, asked for compensation.")
    assert found[("Ana Paz", "LEADS", "National Confederation of Industry")] == "rule:led-by"
    ents, _ = RuleExtractor().analyse(Document("t", "The National Day of Mourning was held in Peru.", "t.txt", "t",
                                               "", "2025-09"))
    assert not any(e.label == "Organization" for e in ents.entities.values())


def test_the_committee_named_again_owns_its_chairmans_post_and_the_senator_keeps_his_seat():
    # ext-roles3: "the committee" is the article's one committee, however far back it was named
    text = ("On Monday the Senate Foreign Relations Committee met. Scott Bessent spoke in the United States. Peru "
            "was named. Chile was named. Bolivia was named. The committee's chairman, Senator Ana Paz of Ohio, said no.")
    found = read(text)
    assert found[("Ana Paz", "LEADS", "Senate Foreign Relations Committee")] == "rule:title-role"
    assert found[("Ana Paz", "HOLDS_ROLE", "United States")] == "rule:title-role"


def test_the_committee_is_no_anaphor_when_the_article_names_two_far_back():
    text = ("The Senate Foreign Relations Committee met. The House Rules Committee met. Peru was named. Chile was "
            "named. Bolivia was named. Brazil was named. The committee's chairman, Senator Ana Paz of Ohio, said no.")
    assert not any(t == "Senate Foreign Relations Committee" or t == "House Rules Committee"
                   for (_, _, t) in read(text))


def test_a_body_of_a_province_keeps_its_name_and_its_head_after_the_office():
    # ext-roles3: "the National University of San Juan" is one body; "the Province of X" is a place
    found = roles("Peru spoke. Lamelas met the rector of the National University of San Juan, Ana Paz, on Monday.")
    assert found["Ana Paz"][:2] == ("HOLDS_ROLE", "National University of San Juan")
    ents, _ = RuleExtractor().analyse(Document("t", "The Province of Buenos Aires sued Peru.", "t.txt", "t", "",
                                               "2025-09"))
    assert not any(e.label == "Organization" for e in ents.entities.values())


@pytest.mark.parametrize("text", [
    # ext-roles3: a capital line with no person before the comma or no office after it names nobody
    "BREAKING NEWS, LIVE UPDATES:\nPeru cut rates on Monday.",
    "MARKET WRAP, MONDAY EDITION:\nPeru cut rates on Monday.",
])
def test_capital_lines_with_no_speaker_and_office_name_no_actor(text):
    ents, _ = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert set(ents.entities) == {"Peru"}
