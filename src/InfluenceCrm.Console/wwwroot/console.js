// The console's only script of its own (the pages work without it): "Copy" buttons (data-copy names the field whose value
// they copy), and forms whose checked answer shows beside them (data-stale-target names the note saying it is out of date).
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
