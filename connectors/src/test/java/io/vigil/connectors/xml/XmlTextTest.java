package io.vigil.connectors.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTextTest {
    @Test
    void leavesCleanRecordsAlone() {
        String record = "<Event a='1'>\n<Data Name='x'>v &amp; w</Data></Event>";
        XmlText.Prepared prepared = XmlText.prepare(record);

        assertThat(prepared.text()).isSameAs(record);
        assertThat(prepared.mappedControls()).isFalse();
    }

    @Test
    void escapesCarriageReturnsInTextAndAttributeValuesButNotBetweenAttributes() {
        XmlText.Prepared prepared = XmlText.prepare("<Event\r\n a='x\ry'>a\r\nb</Event>");

        assertThat(prepared.text()).isEqualTo("<Event\r\n a='x&#13;y'>a&#13;\nb</Event>");
    }

    @Test
    void mapsForbiddenControlCharactersAndRestoresThem() {
        XmlText.Prepared prepared = XmlText.prepare("<D>\u0001&#x2;&#X1f;&#27;&#10;&#65;</D>");

        assertThat(prepared.mappedControls()).isTrue();
        assertThat(prepared.text()).isEqualTo("<D>\uE001\uE002\uE01F\uE01B&#10;&#65;</D>");
        assertThat(XmlText.restore("\uE001\uE002\uE01Fx")).isEqualTo("\u0001\u0002\u001fx");
    }

    @Test
    void leavesCommentsAndCdataUnchanged() {
        XmlText.Prepared prepared = XmlText.prepare("<E><!-- it's \r --><![CDATA[a\rb]]>x\ry</E>");

        assertThat(prepared.text()).isEqualTo("<E><!-- it's \r --><![CDATA[a\rb]]>x&#13;y</E>");
    }
}
