// The gk-* tags in Svelte markup, generated from the package's custom-elements manifest.
import '@gridkit/components/types/svelte';
