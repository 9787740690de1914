// The console's only script of its own (the pages work without it): "Copy" buttons (data-copy names the field whose value
// they copy), forms whose checked answer shows beside them (data-stale-target names the note saying it is out of date), and
// the contract draft's compliance checked live as the lawyer types (data-compliance-preview).
document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const field = document.querySelector(button.dataset.copy);
    if (!field) return;
    field.select();
    try {
        await navigator.clipboard.writeText(field.value);
        button.dataset.copied = "true";
    } catch {
        document.execCommand("copy");
    }
});

// A contract's terms: once a field changes, the compliance beside the form is the saved version's until the draft is saved.
document.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-stale-target]");
    const note = form && document.getElementById(form.dataset.staleTarget);
    if (note) note.hidden = false;
});

// A contract's draft: the compliance beside the form follows the edits. Once typing pauses, the form as typed is posted to
// data-compliance-preview (the same check as a save, nothing saved) and its answer, the panel's HTML, replaces the panel.
for (const form of document.querySelectorAll("form[data-compliance-preview]")) {
    const panel = document.getElementById(form.dataset.compliancePanel);
    let timer = 0;
    let asked = 0;
    const refresh = async () => {
        const mine = ++asked;
        try {
            const response = await fetch(form.dataset.compliancePreview, { method: "POST", body: new FormData(form), credentials: "same-origin" });
            if (!response.ok || mine !== asked || !panel) return;
            panel.innerHTML = await response.text();
            const note = document.getElementById(form.dataset.staleTarget);
            if (note && note.dataset.previewText) note.textContent = note.dataset.previewText;
        } catch {
            // offline or refused: the note already says the panel is the saved version's
        }
    };
    const later = () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, 400);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
}
