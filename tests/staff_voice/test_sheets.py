"""Access cards and the staff-room poster, printed as a printer would see them: rendered to PNG
with pdftoppm, every QR code decodes to the wave's short address in full; read back with
pdfplumber, no two characters overlap, none lies on a QR code, and each stays inside its card
(cards) or the page's margins (poster), also for a 120-character organisation name, a long
title and a long host name."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from itertools import pairwise

import pdfplumber
import pytest
import zxingcpp
from PIL import Image

from app.definitions import for_wave
from app.extensions import db
from app.staff_voice import poster, sheets, short_links
from app.staff_voice.printing import Printed
from app.staff_voice.waves import short_link
from tests.support.staff_voice import open_wave

DPI = 200
POINTS = 72 / DPI  # one pixel of the PNG, in PDF points
LONG_ORGANISATION = ("Northumberland, Tyne and Wear and North Cumbria Community Health, "
                     "Primary Care and Social Care Partnership Services (NE)")
LONG_TITLE = ("Your health and wellbeing at work: a survey for staff in Agenda for Change "
              "Bands 2, 3 and 4, and for staff on other pay with similar roles")
LONG_HOST = "https://wellbeing-survey.northumberland-tyne-and-wear.example.nhs.uk"
A4 = (595.28, 841.89)


@pytest.fixture
def wave(orgs):
    wave = open_wave(orgs[0], uses_codes=True)
    db.session.commit()
    return wave


def render(pdf: bytes, tmp_path) -> list[Image.Image]:
    """The pages as a printer's raster: pdftoppm (poppler-utils), as in .ci/run."""
    (tmp_path / "printout.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(tmp_path / "printout.pdf"),
                    str(tmp_path / "page")], check=True)
    return [Image.open(p) for p in sorted(tmp_path.glob("page-*.png"))]


def qr_codes(image: Image.Image) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each QR code on the page: its text, and its box (x0, top, x1, bottom) in points."""
    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = code.position
        xs = [pt.x for pt in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
        ys = [pt.y for pt in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
        found.append((code.text, (min(xs) * POINTS, min(ys) * POINTS,
                                  max(xs) * POINTS, max(ys) * POINTS)))
    return found


def box(char) -> tuple[float, float, float, float]:
    return char["x0"], char["top"], char["x1"], char["bottom"]


def overlap(a, b, slack: float = 0.2) -> bool:
    """Boxes (x0, top, x1, bottom) that share more than a hair's breadth each way."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack
            and min(a[3], b[3]) - max(a[1], b[1]) > slack)


def inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[2] <= outer[2] and inner[3] <= outer[3])


def overprinted(chars) -> list[str]:
    """Characters drawn over one another (a sweep along x, so pages of cards stay quick)."""
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    clashes = []
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            if b["x0"] >= a["x1"]:
                break
            if overlap(box(a), box(b)):
                clashes.append(f"{a['text']!r} and {b['text']!r} at {box(a)}")
    return clashes


def squeezed(text: str) -> str:
    return "".join(text.split())


def check_page(page, image, expected_url: str, boxes: list[tuple]) -> list:
    """Shared checks: no overprinting, every QR code decodes to the short address and no
    character lies on one; each character inside one of `boxes`. Returns the QR codes."""
    assert not overprinted(page.chars)
    codes = qr_codes(image)
    assert codes and all(text == expected_url for text, _ in codes)
    for char in page.chars:
        assert not any(overlap(box(char), qr) for _, qr in codes), char["text"]
        assert any(inside(box(char), b) for b in boxes), (char["text"], box(char))
    return codes


def card_sheet_checks(pdf: bytes, tmp_path, expected_url: str, about: Printed, codes: list[str]):
    images = render(pdf, tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == len(images) == -(-len(codes) // sheets.PER_PAGE)
        for number, (page, image) in enumerate(zip(document.pages, images, strict=True)):
            on_page = codes[number * sheets.PER_PAGE:(number + 1) * sheets.PER_PAGE]
            cards = sorted((r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
                           if r["width"] > 200 and r["height"] > 100)
            assert len(cards) == len(on_page)
            heading = (0, 0, page.width, cards[0][1])  # the line above the cards
            found = check_page(page, image, expected_url, [heading, *cards])
            assert len(found) == len(on_page)  # one QR code on each card
            assert all(sum(inside(qr, card) for _, qr in found) == 1 for card in cards)
            for card, code in zip(_reading_order(cards), on_page, strict=True):
                said = squeezed(page.crop(card).extract_text())
                for must in (about.title, about.organisation, about.typed, code,
                             f"Closes {about.closes}"):
                    assert squeezed(must) in said, (must, said)
            for a, b in pairwise(cards):
                assert not overlap(a, b, slack=1)


def _reading_order(cards):
    return sorted(cards, key=lambda c: (round(c[1]), c[0]))


def test_each_card_has_its_qr_code_short_address_and_code(client, make_user, sign_in, wave,
                                                          tmp_path):
    sign_in(make_user("org_lead"))
    response = client.post(f"/staff-voice/waves/{wave.id}/codes", data={"number": "12"})
    assert response.mimetype == "application/pdf"
    pdf = response.data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(page.extract_text() for page in document.pages)
    made = sorted(w for w in text.split() if len(w) == 14 and w.count("-") == 2)
    assert len(made) == 12
    about = _printed(client.application, wave)
    card_sheet_checks(pdf, tmp_path, about.url, about, _in_print_order(pdf, made))


def _in_print_order(pdf: bytes, made: list[str]) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [w for page in document.pages for w in page.extract_text().split()]
    return [w for w in words if w in made]


def _printed(app, wave) -> Printed:
    """What the pages say, with the address as the test client's requests see it."""
    with app.test_request_context():
        about = Printed.of(wave)
    assert about.url == f"http://localhost/s/{short_links.shown(wave.short_code)}"
    return about


def test_long_names_and_addresses_still_fit_each_card(app, wave, tmp_path):
    assert len(LONG_ORGANISATION) == 120  # the case
    wave.organisation.name = LONG_ORGANISATION
    db.session.commit()
    with app.test_request_context(base_url=LONG_HOST):
        about = dataclasses.replace(Printed.of(wave), title=LONG_TITLE)
        url = short_link(wave)
    assert about.organisation == LONG_ORGANISATION and url.startswith(LONG_HOST)
    codes = [f"7K3M-9Q2D-X{n:03d}" for n in range(11)]
    card_sheet_checks(sheets.code_sheet(codes, about), tmp_path, url, about, codes)


def poster_checks(pdf: bytes, tmp_path, about: Printed, anonymity: str) -> str:
    images = render(pdf, tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == len(images) == 1
        page = document.pages[0]
        assert (round(page.width, 1), round(page.height, 1)) == (595.3, 841.9)  # A4 portrait
        margin = 10 * 72 / 25.4  # nothing nearer the edge than a printer can print
        found = check_page(page, images[0], about.url,
                           [(margin, margin, page.width - margin, page.height - margin)])
        assert len(found) == 1
        qr = found[0][1]
        assert qr[2] - qr[0] > 200  # a big code, to scan from across a staff room
        said = squeezed(page.extract_text())
    for must in (about.title, about.organisation, about.typed, f"Closes on {about.closes}",
                 "This survey is anonymous"):
        assert squeezed(must) in said, must
    # the survey's own promise, worded as on its first page, every line of it
    for line in anonymity.replace("- ", "").splitlines():
        assert squeezed(line) in said, line
    return said


def test_the_poster_has_the_qr_code_address_closing_date_and_promise(client, make_user,
                                                                     sign_in, wave, tmp_path):
    sign_in(make_user("org_lead"))
    assert f"/staff-voice/waves/{wave.id}/poster.pdf" in client.get(
        f"/staff-voice/waves/{wave.id}").text
    response = client.get(f"/staff-voice/waves/{wave.id}/poster.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    about = _printed(client.application, wave)
    said = poster_checks(response.data, tmp_path, about, for_wave(wave).intro)
    assert squeezed(poster.CODES) in said


def test_a_long_poster_still_fits_one_page_and_says_no_code_is_needed(app, orgs, tmp_path):
    wave = open_wave(orgs[0], uses_codes=False)
    wave.organisation.name = LONG_ORGANISATION
    db.session.commit()
    with app.test_request_context(base_url=LONG_HOST):
        about = dataclasses.replace(Printed.of(wave), title=LONG_TITLE)
    said = poster_checks(poster.poster(about), tmp_path, about, for_wave(wave).intro)
    assert squeezed(poster.NO_CODES) in said and squeezed(poster.CODES) not in said


def test_only_those_who_may_see_the_wave_get_its_poster(client, make_user, sign_in, orgs, wave):
    sign_in(make_user("org_lead", email="other@example.nhs.uk", org=orgs[1]))
    assert client.get(f"/staff-voice/waves/{wave.id}/poster.pdf").status_code == 403
    assert client.get("/staff-voice/waves/999999/poster.pdf").status_code == 404
