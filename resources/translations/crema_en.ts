<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>crema::ui::LayerPropertiesPanel</name>
    <message numerus="yes">
        <source>&lt;b&gt;Net&lt;/b&gt; — %n layer(s). Select a layer to edit it.</source>
        <translation>
            <numerusform>&lt;b&gt;Net&lt;/b&gt; — %n layer. Select a layer to edit it.</numerusform>
            <numerusform>&lt;b&gt;Net&lt;/b&gt; — %n layers. Select a layer to edit it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crema::ui::NetCanvas</name>
    <message numerus="yes">
        <source>Disconnect %n wire(s)</source>
        <translation>
            <numerusform>Disconnect %n wire</numerusform>
            <numerusform>Disconnect %n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n layer(s)</source>
        <translation>
            <numerusform>Copied %n layer</numerusform>
            <numerusform>Copied %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n layer(s)</source>
        <translation>
            <numerusform>Paste %n layer</numerusform>
            <numerusform>Paste %n layers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crema::ui::NetEditorWidget</name>
    <message numerus="yes">
        <source>%n layer(s) · %1 params · %2 MAC per TRAIN forward</source>
        <translation>
            <numerusform>%n layer · %1 params · %2 MAC per TRAIN forward</numerusform>
            <numerusform>%n layers · %1 params · %2 MAC per TRAIN forward</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crema::ui::NetTab</name>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n layer</numerusform>
            <numerusform>%n layers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crema::ui::ScoreEvolutionView</name>
    <message numerus="yes">
        <source>Blob &lt;b&gt;%1&lt;/b&gt; (%2 values) of %3 test images, recorded every %n iteration(s). Drag to scroll back, wheel to zoom.</source>
        <translation>
            <numerusform>Blob &lt;b&gt;%1&lt;/b&gt; (%2 values) of %3 test images, recorded every %n iteration. Drag to scroll back, wheel to zoom.</numerusform>
            <numerusform>Blob &lt;b&gt;%1&lt;/b&gt; (%2 values) of %3 test images, recorded every %n iterations. Drag to scroll back, wheel to zoom.</numerusform>
        </translation>
    </message>
</context>
</TS>
