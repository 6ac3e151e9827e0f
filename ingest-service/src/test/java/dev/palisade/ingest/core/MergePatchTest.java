package dev.palisade.ingest.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.ingest.core.api.MergePatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

    private final ObjectMapper json = new ObjectMapper();

    /** The examples of RFC 7386, appendix A (quotes as single quotes for CSV). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'a':'b'}                 | {'a':'c'}             | {'a':'c'}",
            "{'a':'b'}                 | {'b':'c'}             | {'a':'b','b':'c'}",
            "{'a':'b'}                 | {'a':null}            | {}",
            "{'a':'b','b':'c'}         | {'a':null}            | {'b':'c'}",
            "{'a':['b']}               | {'a':'c'}             | {'a':'c'}",
            "{'a':'c'}                 | {'a':['b']}           | {'a':['b']}",
            "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}         | {'a':[1]}             | {'a':[1]}",
            "{'e':null}                | {'a':1}               | {'e':null,'a':1}",
            "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"})
    void followsRfc7386(String target, String patch, String expected) throws Exception {
        assertThat(MergePatch.apply(tree(target), tree(patch))).isEqualTo(tree(expected));
    }

    @Test
    void aNonObjectPatchReplacesTheTarget() throws Exception {
        assertThat(MergePatch.apply(tree("{'a':'b'}"), tree("['c']"))).isEqualTo(tree("['c']"));
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) throws Exception {
        return json.readTree(text.strip().replace('\'', '"'));
    }
}
