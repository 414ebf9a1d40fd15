/**
 * Handles `form`'s submissions one at a time: while the promise returned by `handle` is
 * pending, further submissions (a double click, Enter pressed twice) are ignored, the form's
 * submit buttons are disabled and the form is marked `aria-busy`. `handle` may return nothing
 * when it refuses the input without sending anything. The default submission is always
 * prevented. A rejected promise is left to `handle` to report; it only ends the busy state.
 */
export function onSubmitOnce(form: HTMLFormElement, handle: (event: SubmitEvent) => Promise<unknown> | void): void {
  let pending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (pending) return;
    const work = handle(event);
    if (!work) return;
    pending = true;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
    for (const button of buttons) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const done = (): void => {
      pending = false;
      for (const button of buttons) button.disabled = false;
      form.removeAttribute('aria-busy');
    };
    work.then(done, done);
  });
}
