// The gk-* tags as Vue GlobalComponents, generated from the package's custom-elements manifest.
import '@gridkit/components/types/vue';
