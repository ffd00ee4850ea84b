"""Browser journey of a public consultation: find it, read it, respond; read what was heard on a closed one."""

import re

from playwright.sync_api import expect


def test_respond_to_an_open_consultation_and_read_a_closed_one(page, live_site, axe):
    page.goto(live_site.url("/konsultasi-publik/"))
    expect(page.locator("h1")).to_have_text("Konsultasi Publik")
    axe.check(page, "consultation-index")

    page.get_by_role("link", name=re.compile("Penguatan Sinergi Polri")).click()
    expect(page.locator(".status-badge")).to_have_text("Dibuka")
    axe.check(page, "consultation-open")
    # The editor-built questionnaire comes first: one worry ticked, the required agreement scale answered.
    page.get_by_label("Hoaks dan ujaran kebencian").check()
    page.get_by_label("Setuju", exact=True).check()
    page.get_by_label("Kabupaten/kota tempat Anda tinggal").fill("Kotawaringin Timur")
    page.get_by_label(re.compile("Apa tanggapan, saran, atau keberatan Anda")).fill(
        "Libatkan BEM dan DEMA dalam forum kewaspadaan dini di kampus."
    )
    page.get_by_label("Forum kewaspadaan dini").check()
    page.get_by_label(re.compile("^Saya setuju")).check()
    page.get_by_role("button", name="Kirim tanggapan saya").click()
    expect(page.locator("#reference-code")).to_have_text(re.compile(r"KON-\d{4}-\d{5}"))
    axe.check(page, "consultation-confirmation")

    page.goto(live_site.url("/konsultasi-publik/jam-dan-cara-layanan-kesbangpol/"))
    heard = page.locator(".consultation__heard")
    expect(heard.locator("svg[role=img]").first).to_be_visible()
    expect(heard.locator("table").first).to_contain_text("Jam layanan")
    expect(page.locator(".consultation__outcome")).to_contain_text("16.00 WIB")
    axe.check(page, "consultation-closed")
