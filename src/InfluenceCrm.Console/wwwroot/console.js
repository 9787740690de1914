// The console's only script of its own: "Copy" buttons (data-copy names the field whose value they copy).
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
